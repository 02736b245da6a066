// The pulumi-resource-kubernetes plugin, from the served pseudo-version of the provider module.
// The module's own cmd/pulumi-resource-kubernetes embeds generated files (schema-embed.json,
// terraform-mapping-embed.json) that are not in its module zip: build.sh generates them here, from
// the schema.json and terraform-mapping.json that are, with the version set.
package main

import (
	_ "embed"

	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/provider"
	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version"
)

//go:embed schema-embed.json
var schema []byte

//go:embed terraform-mapping-embed.json
var mapping []byte

func main() {
	provider.Serve("kubernetes", version.Version, schema, mapping)
}
