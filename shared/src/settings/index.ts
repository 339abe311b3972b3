// `@app/shared/settings`: the fields of the settings kinds with secrets (fields.ts).
export * from './fields';
