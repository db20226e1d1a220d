// express-pouchdb ships no types; this declares the part embedded-couch.ts
// uses. The app is an Express 4 app, so a plain request listener.
declare module "express-pouchdb" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  interface ExpressPouchDBOptions {
    mode?: "fullCouchDB" | "minimumForPouchDB" | "custom";
    overrideMode?: { include?: string[]; exclude?: string[] };
    configPath?: string;
    logPath?: string;
    inMemoryConfig?: boolean;
  }

  interface ExpressPouchDBApp {
    (req: IncomingMessage, res: ServerResponse): void;
    /** Starts the plugins (find, all-dbs) on this PouchDB class. */
    setPouchDB(pouchDB: object): PromiseLike<void>;
  }

  function expressPouchDB(options?: ExpressPouchDBOptions): ExpressPouchDBApp;
  export = expressPouchDB;
}
