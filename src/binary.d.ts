/** Files bundled as bytes (esbuild's `binary` loader; see scripts/build.mjs). */
declare module '*.bin' {
  const bytes: Uint8Array;
  export default bytes;
}

/** Files bundled as their text, imported as `path?text` (the web build's `text-import` plugin, scripts/build.mjs). */
declare module '*?text' {
  const text: string;
  export default text;
}
