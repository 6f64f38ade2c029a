// openapi-backend's router with its list of operations built once. Its getOperation builds the list of
// every operation again for each lookup, and its validator looks up each operation the first time it
// validates one: quadratic in the operations (autotask's 2,958 spent a third of their census time there).
// The mock never changes its document after reading it, so the list cannot go stale.
import { type Document, OpenAPIRouter, type Operation } from "openapi-backend";

export class IndexedRouter extends OpenAPIRouter {
  // Not `#private`: the base constructor may call an overridden method before such fields exist.
  private operations: Operation<Document>[] | undefined;
  private byId: Map<string, Operation<Document>> | undefined;

  override getOperations(): Operation<Document>[] {
    this.operations ??= super.getOperations();
    return this.operations;
  }

  override getOperation(operationId: string): Operation<Document> | undefined {
    if (!this.byId) {
      this.byId = new Map();
      // The first of a repeated operationId, as the base class's find() picks it.
      for (const operation of this.getOperations())
        if (operation.operationId !== undefined && !this.byId.has(operation.operationId))
          this.byId.set(operation.operationId, operation);
    }
    return this.byId.get(operationId);
  }
}
