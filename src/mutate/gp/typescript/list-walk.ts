/**
 * Walking a statement list: hoisted declarations first, then each statement
 * with the names declared before it, recording the list when any of its
 * statements lies inside a block.
 */
import type TypeScript from "typescript";
import { hoistedBindings, variableBindings } from "./declarations.ts";
import { extendScope, type Scope } from "./scope.ts";
import { type Analysis, blockOfNode, type WalkState } from "./sites.ts";
import { ts } from "./typescript.ts";

export type Walk = (a: Analysis, node: TypeScript.Node, state: WalkState) => void;

export function walkList(
  a: Analysis,
  owner: TypeScript.Node,
  statements: readonly TypeScript.Statement[],
  state: WalkState,
  walk: Walk,
): void {
  const t = ts();
  let scope = extendScope(state.scope, hoistedBindings(statements));
  const scopes: Scope[] = [];
  const blocks: number[] = [];
  for (const statement of statements) {
    scopes.push(scope);
    blocks.push(blockOfNode(a, statement));
    walk(a, statement, { ...state, scope, root: null });
    if (t.isVariableStatement(statement)) {
      scope = extendScope(scope, variableBindings(statement.declarationList, scope));
    }
  }
  scopes.push(scope);
  if (blocks.some((b) => b >= 0)) {
    a.lists.push({ owner, statements, scopes, blocks, fn: state.fn, inLoop: state.inLoop });
  }
}
