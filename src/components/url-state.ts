/*
 * Permalinks: the state a reader sets on a page (a filter, a table's sort, a selected question, the models
 * of a refit) lives in the page's query string, so a copied link reopens the page as the reader left it.
 * Pages read each parameter once when they draw an input (its value in the URL, else its default) and
 * write it back on every change with `history.replaceState`: no reload, no new history entry, and the rest
 * of the URL (path, other parameters, #section) is kept. Links between pages stay relative
 * (src/lib/site/page-href.ts), so permalinks work under a sub-path and on a plain static server.
 *
 * Defaults: a parameter holding its default is removed from the URL, so an untouched page keeps its plain
 * address, and a default changed later does not strand old links on a stale value. A value the page does
 * not know (a removed option, a mistyped column) reads as the default.
 */

/** A typed query parameter: its name, its default, and its text form. */
export interface UrlParam<T> {
  name: string;
  /** The value when the URL does not carry the parameter, or carries one the page does not know. */
  fallback: T;
  /** The value of the parameter's text, or undefined when the text names no value. */
  parse(text: string): T | undefined;
  format(value: T): string;
}

/** What the helpers read and write: the page's location and history (the browser's unless a test passes its own). */
export interface UrlEnvironment {
  location: {href: string};
  history: {state: unknown; replaceState(state: unknown, unused: string, url: string | URL): void};
}

const browser = (): UrlEnvironment => globalThis as unknown as UrlEnvironment;

/** Free text (a search box): the default is "". */
export function textParam(name: string, fallback = ""): UrlParam<string> {
  return {name, fallback, parse: (text) => text, format: (value) => value};
}

/** One of a fixed list of options (a radio or a select); anything else reads as `fallback`. */
export function optionParam<T extends string>(name: string, options: readonly T[], fallback: T): UrlParam<T> {
  return {
    name,
    fallback,
    parse: (text) => options.find((o) => o === text),
    format: (value) => value
  };
}

/**
 * A set of names (models ticked for a refit), comma-separated in code-point order, so the same set always
 * has the same link. An empty parameter (`?models=`) is the empty set, which differs from an absent one (the
 * default).
 */
export function listParam(name: string, fallback: readonly string[]): UrlParam<readonly string[]> {
  return {
    name,
    fallback,
    parse: (text) => (text === "" ? [] : text.split(",").map(decodeURIComponent)),
    format: (value) =>
      value
        .map((v) => encodeURIComponent(v))
        .sort()
        .join(",")
  };
}

/**
 * The value of `param` in the page's URL, or its default.
 *
 * @example readParam(optionParam("show", ["all", "wrong"], "all")) // "wrong" on run.html?id=r1&show=wrong
 */
export function readParam<T>(param: UrlParam<T>, env: UrlEnvironment = browser()): T {
  const text = new URL(env.location.href).searchParams.get(param.name);
  if (text === null) return param.fallback;
  return param.parse(text) ?? param.fallback;
}

/**
 * Puts `value` into the page's URL (removed when it is the default), with `history.replaceState`.
 *
 * @example writeParam(textParam("q"), "runs of gpt") // location becomes …?q=runs+of+gpt
 */
export function writeParam<T>(param: UrlParam<T>, value: T, env: UrlEnvironment = browser()): void {
  const url = new URL(env.location.href);
  const text = param.format(value);
  if (text === param.format(param.fallback)) url.searchParams.delete(param.name);
  else url.searchParams.set(param.name, text);
  if (url.href !== env.location.href) env.history.replaceState(env.history.state, "", url);
}

/**
 * Keeps `param` in the URL in step with an input (an Observable Input, or any element with a `value` that
 * dispatches `input` events): every change writes `value(input)`. Returns the input, for `view(…)`; create
 * the input with `readParam(param)` as its starting value.
 *
 * @example view(bindParam(Inputs.radio(["all", "wrong"], {value: readParam(show)}), show))
 */
export function bindParam<E extends EventTarget, T>(
  input: E,
  param: UrlParam<T>,
  value: (input: E) => T = (i) => (i as unknown as {value: T}).value,
  env: UrlEnvironment = browser()
): E {
  input.addEventListener("input", () => writeParam(param, value(input), env));
  return input;
}

/**
 * The query text of an `Inputs.search` (its `value` is the filtered rows, not the text): bind a search box
 * with `bindParam(search, param, searchText)` and create it with `{query: readParam(param)}`.
 */
export function searchText(search: Element): string {
  return search.querySelector("input")?.value ?? "";
}

/** A table's sort: the column and its direction, written `column` (ascending) or `-column`. */
export interface TableSort {
  sort: string | undefined;
  reverse: boolean;
}

/** The sort of a table whose columns are `columns`; an unknown column reads as `fallback` (unsorted unless given). */
export function sortParam(
  name: string,
  columns: readonly string[],
  fallback: TableSort = {sort: undefined, reverse: false}
): UrlParam<TableSort> {
  return {
    name,
    fallback,
    parse(text) {
      const reverse = text.startsWith("-");
      const column = reverse ? text.slice(1) : text;
      return columns.includes(column) ? {sort: column, reverse} : undefined;
    },
    format: (value) => (value.sort === undefined ? "" : `${value.reverse ? "-" : ""}${value.sort}`)
  };
}

/**
 * The sort an `Inputs.table` shows: the header holding the ▴ (ascending) or ▾ (descending) mark that the
 * table puts in a sorted column's heading, whose `title` is the column's name.
 */
export function shownSort(table: Element): TableSort {
  for (const th of table.querySelectorAll("thead th")) {
    const mark = th.querySelector("span")?.textContent;
    if (mark === "▴" || mark === "▾")
      return {sort: th.getAttribute("title") ?? undefined, reverse: mark === "▾"};
  }
  return {sort: undefined, reverse: false};
}

/**
 * Keeps a table's sort in the URL: create the table with `...readParam(param)` among its options (`sort`,
 * `reverse`), then every click on a heading writes the sort the table then shows. Returns the table.
 *
 * @example const sort = sortParam("sort", ["model", "accuracy"]);
 * display(bindSort(Inputs.table(rows, {...readParam(sort)}), sort));
 */
export function bindSort<E extends Element>(
  table: E,
  param: UrlParam<TableSort>,
  env: UrlEnvironment = browser()
): E {
  // The table sorts in the heading's own click handler, which runs before the event bubbles up to here.
  table.addEventListener("click", (event) => {
    if ((event.target as Element | null)?.closest?.("thead th")) writeParam(param, shownSort(table), env);
  });
  return table;
}
