import { resolveCatalog } from "../../components/catalog/validate";
import { LoadedCatalog } from "../../offline/catalog";
import { renderDocs } from "../../offline/docs";
import { envSchema } from "../../offline/envSchema";
import { exportEntries } from "../../offline/export";
import { catalogVariables } from "../../offline/variables";
import type { ProgramConfig } from "../../offline/config";

/** `docs`, `env-schema` and `export` on an `aws-access-key` secret: its two variables, current and previous. */

function loaded(): LoadedCatalog {
    const catalog = resolveCatalog({
        environment: "prod",
        stores: { vault: { mount: "kv" } },
        kubernetes: { mode: "secret" },
        consumers: { web: { namespace: "shop-prod", serviceAccount: "web" } },
        secrets: {
            ARTIFACT_UPLOADER: {
                kind: "aws-access-key", user: "artifact-uploader", consumers: ["web"],
                policyArns: ["arn:aws:iam::123456789012:policy/fake-artifact-upload"],
                keys: { id: "AWS_ACCESS_KEY_ID", secret: "AWS_SECRET_ACCESS_KEY" },
            },
        },
    });
    return { catalog, provided: new Set(), program: { stack: "prod", stackFileLabel: "Pulumi.prod.yaml" } as ProgramConfig };
}

const NAMES = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID_PREVIOUS", "AWS_SECRET_ACCESS_KEY_PREVIOUS"];

test("the variables: keys.id and keys.secret, then both _PREVIOUS", () => {
    expect(catalogVariables(loaded().catalog, "web").map((v) => [v.name, v.accessKeyPart, v.previous])).toEqual([
        [NAMES[0], "id", false], [NAMES[1], "secret", false], [NAMES[2], "id", true], [NAMES[3], "secret", true],
    ]);
});

test("env-schema requires all four, in AWS's forms", () => {
    const schema = envSchema(loaded(), "web") as { required: string[]; properties: Record<string, Record<string, unknown>> };
    expect(schema.required).toEqual(NAMES);
    expect(schema.properties.AWS_ACCESS_KEY_ID).toMatchObject({ minLength: 20, maxLength: 20, pattern: "^AKIA[A-Z0-9]{16}$" });
    expect(schema.properties.AWS_SECRET_ACCESS_KEY_PREVIOUS).toMatchObject({ minLength: 40, maxLength: 40 });
    expect(String(schema.properties.AWS_ACCESS_KEY_ID.title)).toContain("prod-artifact-uploader");
});

test("export makes no key (AWS does): empty values with a note; docs say so", () => {
    const entries = exportEntries(loaded(), "web");
    expect(entries.map((e) => [e.name, e.value])).toEqual(NAMES.map((n) => [n, ""]));
    expect(entries[0].comment).toContain("IAM user prod-artifact-uploader, made by AWS");
    const docs = renderDocs(loaded());
    expect(docs).toContain("| `AWS_SECRET_ACCESS_KEY` | aws-access-key: secret access key (40 characters) of IAM user `prod-artifact-uploader`, made by AWS | yes (made by AWS) |");
});
