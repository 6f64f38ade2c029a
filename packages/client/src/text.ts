// `@ango-hub/client/text`: the one rule for printing text that did not come from your program (a server's
// message, a field name, the spec's words): what this package's commands and `@ango-hub/cli` print
// through. Its own entry point, so a program that only calls the API never bundles it.
export { displayJson, displayText } from "./display-text.js";
