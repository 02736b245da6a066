/**
 * What `check` hands a program in place of a `secure:` value it does not decrypt (offline/config.ts),
 * when read with a plain getter: such a value is not known, so its `format` is judged in a real
 * preview. Import-free: the offline runner must not load a second copy of the Pulumi SDK.
 */
export const UNDECRYPTED_VALUE = "[secret]";
