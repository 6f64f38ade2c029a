/** TypeScript 7's compiler entry (`typescript-7/bin/tsc`), run with `node`. */
export declare const nativeTsc: string;
