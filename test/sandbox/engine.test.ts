import { parse } from "yaml";
import { DeclaredResource, planApply } from "../../sandbox/apply";
import { PROVIDER, engineResources, yamlProgram } from "../../sandbox/engine";
import { refusedModules } from "../../sandbox/toolchain";

/** The real-engine program (sandbox/engine.ts) and the toolchain's refused-module report. */

const role: DeclaredResource = {
    type: "kubernetes:rbac.authorization.k8s.io/v1:Role",
    name: "api-role",
    inputs: { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: "api-secrets-reader", namespace: "shop-dev" }, rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"], resourceNames: ["api-secrets"] }] },
};
const secret: DeclaredResource = {
    type: "kubernetes:core/v1:Secret",
    name: "api-secret",
    inputs: { apiVersion: "v1", kind: "Secret", metadata: { name: "api-secrets", namespace: "shop-dev" }, type: "Opaque", stringData: { PASSWORD: "a${b}$c" } },
};
const stack: DeclaredResource = { type: "pulumi:pulumi:Stack", name: "s", inputs: {} };
const vaultPolicy: DeclaredResource = { type: "vault:index/policy:Policy", name: "p", inputs: { name: "reader", policy: "x" } };

test("the program holds the Kubernetes objects only, on the explicit sandbox provider, kind and apiVersion left to the type", () => {
    const resources = [stack, role, vaultPolicy, secret];
    const objects = engineResources(resources, planApply(resources));
    expect(objects.map((o) => o.name)).toEqual(["api-role", "api-secret"]);
    const doc = parse(yamlProgram("p", "/tmp/kubeconfig.yaml", objects));
    expect(doc.runtime).toBe("yaml");
    expect(doc.resources[PROVIDER]).toEqual({ type: "pulumi:providers:kubernetes", properties: { kubeconfig: "/tmp/kubeconfig.yaml" } });
    expect(doc.resources["api-role"].options).toEqual({ provider: `\${${PROVIDER}}` });
    expect(doc.resources["api-role"].properties).not.toHaveProperty("kind");
    expect(doc.resources["api-role"].properties.rules).toEqual(role.inputs.rules);
});

test("a Secret's values are marked secret, and every $ is escaped from YAML interpolation", () => {
    const objects = engineResources([secret], planApply([secret]));
    const doc = parse(yamlProgram("p", "k", objects));
    expect(doc.resources["api-secret"].properties.stringData).toEqual({ PASSWORD: { "fn::secret": "a$${b}$$c" } });
});

test("the proxy's refusals are named as module@version", () => {
    const log = [
        "go: downloading github.com/pulumi/pulumi-yaml v1.25.0",
        "go: github.com/pulumi/pulumi-random/provider/v4@v4.0.0-20260722185042-f2d8b029d0f7: reading https://proxy.golang.org/github.com/pulumi/pulumi-random/provider/v4/@v/v4.0.0-20260722185042-f2d8b029d0f7.info: 403 Forbidden",
        "\tserver response: This module version is not available.",
        "verifying go.mod: reading https://proxy.golang.org/example.com/m/@v/v1.2.3.mod: 403 Forbidden",
    ].join("\n");
    expect(refusedModules(log)).toEqual(["github.com/pulumi/pulumi-random/provider/v4@v4.0.0-20260722185042-f2d8b029d0f7", "example.com/m@v1.2.3"]);
    expect(refusedModules("go: downloading x v1\n# pkg\n./a.go:1: undefined: y")).toEqual([]);
});
