// `@ango-hub/client/node`: what the package's command-line tools (and `@ango-hub/cli`) need of Node
// beyond the client itself. Node only; the client's other entry points run anywhere fetch does.
export { FileInputError, readFileCapped } from "./node/read-file.js";
