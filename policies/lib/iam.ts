import { isRecord, list } from "./values";

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

/** A JSON document, or undefined: the provider rejects an invalid document itself, so there is nothing to judge. */
function parsedJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}

/** Known policy documents: JSON strings parsed, objects as they are; unknown (a symbol), missing or unparsable ones skipped. */
export function documentsOf(values: unknown[]): Record<string, unknown>[] {
    return values.map((value) => (typeof value === "string" ? parsedJson(value) : value)).filter(isRecord);
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
