export type DataTemplate<T> = {
    dir: string;
    info: T;
};
export declare function dataTemplate<T>(opts: {
    /** Names the template's folder under the system's temp folder. */
    name: string;
    /** What the template depends on (e.g. the newest source time): another key, another template. */
    key: string;
    maxAgeMs: number;
    /** Fills `dir` (empty) and answers what the copies need to know (a login), saved as JSON. */
    make(dir: string): Promise<T>;
}): Promise<DataTemplate<T>>;
/** Copies the template's folder into `target` (which may exist, empty). */
export declare function copyTemplate(template: DataTemplate<unknown>, target: string): void;
