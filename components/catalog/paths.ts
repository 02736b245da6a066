/** `JWT_SECRET_KEY` -> `jwt-secret-key`: the form used in store paths and resource names. */
export function kebabName(name: string): string {
    return name.toLowerCase().replace(/_+/g, "-");
}

/** Where a secret lives in every store: `<environment>/<group>/<kebab-name>`. */
export function secretPath(environment: string, group: string, name: string): string {
    return `${environment}/${group}/${kebabName(name)}`;
}

/** Name of the AWS secret that holds a whole group when `bundle: group` is on. */
export function bundlePath(environment: string, group: string): string {
    return `${environment}/${group}`;
}
