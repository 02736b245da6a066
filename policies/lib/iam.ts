import { UNKNOWN_INPUT, isRecord, list } from "./values";

export interface Statement {
    Sid?: unknown;
    Effect?: unknown;
    Action?: unknown;
    /** Every action but these: an Allow with NotAction grants all it does not list. */
    NotAction?: unknown;
    Resource?: unknown;
    /** Every resource but these. */
    NotResource?: unknown;
    Principal?: unknown;
    NotPrincipal?: unknown;
    Condition?: unknown;
}

/** Known policy documents: JSON strings parsed, objects as they are; unknown or unparsable ones skipped. */
export function documentsOf(values: unknown[]): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    for (const value of values) {
        if (value === UNKNOWN_INPUT || value === undefined) continue;
        let doc: unknown = value;
        if (typeof value === "string") {
            try {
                doc = JSON.parse(value);
            } catch {
                // The provider rejects an invalid document itself; there is nothing to judge.
                continue;
            }
        }
        if (isRecord(doc)) out.push(doc);
    }
    return out;
}

export function statements(document: Record<string, unknown>): Statement[] {
    return list(document.Statement).filter(isRecord) as Statement[];
}

/** How messages name a statement: its Sid, else its position (from 1). */
export function statementLabel(s: Statement, index: number): string {
    return typeof s.Sid === "string" && s.Sid !== "" ? `statement ${s.Sid}` : `statement ${index + 1}`;
}

/** `arn:aws:secretsmanager:<region>:<account>:secret:<name>` -> `<name>`; undefined for other ARNs. */
export function secretNameOfArn(arn: string): string | undefined {
    const m = /^arn:aws[a-z-]*:secretsmanager:[^:]*:[^:]*:secret:(.+)$/.exec(arn);
    return m ? m[1] : undefined;
}
