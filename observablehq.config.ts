// See https://observablehq.com/framework/config for the options.
export default {
  title: "medscale",
  root: "src",
  output: "dist",
  search: false,
  pager: false
};
