import {readFileSync} from "node:fs";
import {createRequire} from "node:module";
import {dirname, join} from "node:path";

// KaTeX's stylesheet from node_modules with its woff2 fonts inlined as data URIs, so equations render
// in a static build with no network (the CDN stylesheet Framework's `tex` uses is unreachable offline).
const dist = dirname(createRequire(import.meta.url).resolve("katex/dist/katex.min.css"));
const css = readFileSync(join(dist, "katex.min.css"), "utf8");
let inlined = 0;
const out = css.replace(
  /src:url\(fonts\/([\w-]+)\.woff2\) format\("woff2"\)(,url\([^)]*\) format\("[\w]+"\))*/g,
  (_, name) => {
    inlined++;
    const font = readFileSync(join(dist, "fonts", `${name}.woff2`)).toString("base64");
    return `src:url(data:font/woff2;base64,${font}) format("woff2")`;
  }
);
if (inlined === 0 || /url\(fonts\//.test(out))
  throw new Error("katex.css: unexpected katex.min.css layout (fonts not inlined)");
process.stdout.write(out);
