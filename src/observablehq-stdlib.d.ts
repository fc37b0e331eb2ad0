/**
 * Framework's standard library as a local module imports it (`observablehq:stdlib`): only what
 * src/components/study-database.ts uses. Framework resolves the module at build time; Node never does.
 */
declare module "observablehq:stdlib" {
  export interface FileAttachmentHandle {
    name: string;
    href: string;
    size?: number;
    url(): Promise<string>;
    arrayBuffer(): Promise<ArrayBuffer>;
    json(): Promise<unknown>;
  }
  export function FileAttachment(name: string): FileAttachmentHandle;
}
