/**
 * Moved to src/engine/entry/ (layout, writer, exact reader). Kept one release as a re-export so that
 * branches in flight still build; import from src/engine (its index) instead.
 */
export * from "../entry";
