/**
 * The few Web-standard globals the shared zone (lib/shared) may use, because every runtime it
 * runs in has them: browsers, service workers and Node 20. Only tsconfig.shared.json includes
 * this file; the other configs get the full DOM and Node declarations instead. Anything not
 * declared here (document, window, process, fetch...) is a type error in lib/shared.
 */
declare function btoa(data: string): string;
declare function atob(data: string): string;

declare class TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}

declare class URL {
  constructor(url: string, base?: string);
  static canParse(url: string, base?: string): boolean;
  readonly protocol: string;
  readonly hostname: string;
  readonly host: string;
  readonly port: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  readonly origin: string;
  readonly href: string;
  username: string;
  password: string;
  toString(): string;
}

interface CryptoKey {
  readonly type: string;
  readonly algorithm: unknown;
}

interface SubtleCrypto {
  digest(algorithm: string | { name: string }, data: Uint8Array): Promise<ArrayBuffer>;
  exportKey(format: 'raw', key: CryptoKey): Promise<ArrayBuffer>;
  sign(
    algorithm: string | { name: string },
    key: CryptoKey,
    data: Uint8Array,
  ): Promise<ArrayBuffer>;
  importKey(
    format: 'raw',
    keyData: Uint8Array,
    algorithm: string | { name: string },
    extractable: boolean,
    usages: string[],
  ): Promise<CryptoKey>;
  verify(
    algorithm: string | { name: string },
    key: CryptoKey,
    signature: Uint8Array,
    data: Uint8Array,
  ): Promise<boolean>;
}

declare var crypto: {
  readonly subtle: SubtleCrypto;
  getRandomValues<T extends Uint8Array>(array: T): T;
};
