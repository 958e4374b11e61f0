// Types for scripts/codeServer.mjs (imported by test/integration/runOffline.ts).
export declare const CODE_SERVER_VERSION: string;
export declare function codeServerDir(): string;
