/**
 * scripts/test-node-versions.sh runs the client's and the consumer tests again under other Node majors
 * (ANGO_EXPECT_NODE names the one asked for), to find what differs by Node. A check whose answer no Node
 * can change (a type-check, a lint of the package, a bundle's size, a tarball's file list) runs once,
 * in the main run: skip it with `test.skipIf(onAnotherNode)`, and the other runs report it as skipped.
 */
export const onAnotherNode: boolean = process.env.ANGO_EXPECT_NODE !== undefined;

/**
 * The update rehearsal (tests/corpus/rehearsal) runs the spec-dependent packages' tests again in a clone,
 * on the vendor's document (it sets ANGO_REHEARSAL). A check whose answer no document can change (a lint
 * of the package's manifest, its types' resolution, the runtime's size with a descriptor of its own)
 * runs once, in the main run: skip it with `test.skipIf(onAnotherDocument)`.
 */
export const onAnotherDocument: boolean = process.env.ANGO_REHEARSAL === "1";
