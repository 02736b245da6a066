// Wrapper module of our own that builds the HashiCorp Vault server (dev mode is
// all the sandbox uses). OpenBao was refused by the module proxy (docs/sandbox.md).
// Vault's go.mod replaces its api/sdk modules by local paths; here each becomes
// the released version that Vault v1.21.4's go.mod requires.
module platform-secrets.local/sandbox/toolchain/vault

go 1.26

require github.com/hashicorp/vault v1.21.4

replace (
	github.com/99designs/keyring => github.com/Jeffail/keyring v1.2.3
	github.com/hashicorp/vault/api => github.com/hashicorp/vault/api v1.22.0
	github.com/hashicorp/vault/api/auth/approle => github.com/hashicorp/vault/api/auth/approle v0.1.0
	github.com/hashicorp/vault/api/auth/kubernetes => github.com/hashicorp/vault/api/auth/kubernetes v0.10.0
	github.com/hashicorp/vault/api/auth/userpass => github.com/hashicorp/vault/api/auth/userpass v0.1.0
	github.com/hashicorp/vault/sdk => github.com/hashicorp/vault/sdk v0.21.0
	github.com/ma314smith/signedxml v1.1.1 => github.com/moov-io/signedxml v1.1.1
)

tool github.com/hashicorp/vault
