/** Served at `/` until the PWA is built. */
export const placeholderPage = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Okada</title>
</head>
<body>
<h1>Okada Sync</h1>
<p>Le serveur fonctionne. / The server is running.</p>
<ul>
<li><code>POST /v1/auth/login</code></li>
<li><code>POST /graphql</code> (Bearer token)</li>
<li><code>GET /v1/healthz</code>, <code>GET /v1/readyz</code></li>
</ul>
</body>
</html>
`;
