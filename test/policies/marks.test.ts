import { ANNOTATION, KEEPER, LABEL, PREVIOUS_SUFFIX, ROTATED_BY_LAMBDA, TAG, MANAGED_BY_VALUE } from "../../components/conventions";
import { KINDS, SECRET_KINDS, defaultKeepPrevious } from "../../components/catalog/kinds";
import * as pack from "../../policies/lib/marks";

/** The pack carries its own copy of the module's marks (it is published alone): they must not drift. */
test("the pack's marks are the module's", () => {
    expect(pack.TAG).toEqual(TAG);
    expect(pack.KEEPER).toEqual(KEEPER);
    expect(pack.LABEL).toEqual(LABEL);
    expect(pack.PREVIOUS_SUFFIX).toBe(PREVIOUS_SUFFIX);
    expect(pack.MANAGED_BY_VALUE).toBe(MANAGED_BY_VALUE);
    expect(pack.ROTATED_BY_LAMBDA).toBe(ROTATED_BY_LAMBDA);
    expect(ANNOTATION).toBeDefined();
});

test("the pack's minimum lengths and two-slot rules are the catalog's", () => {
    const generated = SECRET_KINDS.filter((k) => KINDS[k].generated);
    expect(Object.fromEntries(generated.map((k) => [k, { unit: KINDS[k].unit, min: KINDS[k].minLength }]))).toEqual(pack.MIN_LENGTH);
    expect(generated.filter((k) => KINDS[k].keepPreviousByDefault)).toEqual(pack.TWO_SLOT_KINDS);
    for (const name of ["SESSION_SECRET_KEY", "CSRF_SECRET", "WEBHOOK_SIGNING_SECRET", "DATABASE_PASSWORD", "SESSIONS"]) {
        expect(pack.TWO_SLOT_NAME.test(name)).toBe(defaultKeepPrevious("password", name));
    }
});
