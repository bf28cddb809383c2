// Placeholder until the workflow issue lands; the ./workflows export must resolve.
export {};
