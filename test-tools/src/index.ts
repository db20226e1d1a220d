export * from "./server.ts";
export * from "./http.ts";
export * from "./link/index.ts";
