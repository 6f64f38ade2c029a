/**
 * scripts/test-node-versions.sh runs the client's and the consumer tests again under other Node majors
 * (ANGO_EXPECT_NODE names the one asked for), to find what differs by Node. A check whose answer no Node
 * can change (a type-check, a lint of the package, a bundle's size, a tarball's file list) runs once,
 * in the main run: skip it with `test.skipIf(onAnotherNode)`, and the other runs report it as skipped.
 */
export const onAnotherNode: boolean = process.env.ANGO_EXPECT_NODE !== undefined;
