/** See vscodeStub.mjs: any property, call or `new` on it gives it again. */
export declare const vscodeStub: object;
