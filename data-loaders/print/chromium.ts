import puppeteer, {type Browser} from "puppeteer-core";

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH names another. No browser is downloaded. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags that keep Chromium off the network it cannot reach here. */
export const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage"
];

/** Starts headless Chromium with the flags above. */
export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({executablePath: CHROMIUM, args: CHROMIUM_ARGS});
}
