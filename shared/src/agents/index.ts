// Filled in by its feature; see ARCHITECTURE.md.
export {};
