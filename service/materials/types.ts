/** What the service accepts as material files; no Node imports, so the API's types can be read by the web app. */

/** The largest file accepted (20 MiB). */
export const MAX_MATERIAL_BYTES = 20 * 1024 * 1024;

export const MATERIAL_TYPES = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  /** 版式文档 (GB/T 33190): a ZIP package whose entry point is OFD.xml. */
  ofd: 'application/ofd',
} as const;
export type TMaterialType = (typeof MATERIAL_TYPES)[keyof typeof MATERIAL_TYPES];
