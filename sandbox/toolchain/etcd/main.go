// Command etcd starts an etcd server; flags are etcd's own (etcdmain parses them).
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
