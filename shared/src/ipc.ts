// The typed IPC contract between the desktop shell and its renderer (see desktop/).
export {};
