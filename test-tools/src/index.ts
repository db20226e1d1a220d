export * from "./server.ts";
export * from "./http.ts";
