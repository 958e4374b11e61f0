// Types for scripts/provision.mjs (imported by test/unit/provision.test.ts).
export declare const DEBIAN_PACKAGES: Record<string, string>;
export declare function missingDebianPackages(names?: string[]): string[] | undefined;
export declare function provisionDebianPackages(): boolean;
export declare function provision(options?: { packagesOnly?: boolean }): void;
