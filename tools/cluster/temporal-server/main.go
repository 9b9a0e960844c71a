// The Temporal server of the production topology (npm run cluster): Temporal's own server, started
// from its configuration file, with one thing its configuration cannot say. A caller presenting a
// client certificate whose Common Name is listed in TEMPORAL_TRUSTED_CLIENT_CNS (the service's
// worker and API, Temporal's own services) acts as an administrator; every other caller (the Web
// UI's users) is mapped from its OIDC access token by Temporal's default JWT claim mapper and
// checked by its default authorizer (global.authorization). So writes need the service's
// certificate, and staff read under their own name with the role their token carries. One more
// thing the default authorizer cannot say: the Web UI starts by reading the cluster's information
// and the namespaces' list, which it grants only to a reader of every namespace (temporal-system:
// read); here a reader of one namespace may make those two calls too (no workflow in either).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	_ "time/tzdata"

	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/config"
	"go.temporal.io/server/common/log"
	_ "go.temporal.io/server/common/persistence/sql/sqlplugin/postgresql"
	"go.temporal.io/server/temporal"
)

// certificateOrToken trusts the listed certificates, and reads everyone else's token.
type certificateOrToken struct {
	tokens  authorization.ClaimMapper
	trusted map[string]bool
}

func (m certificateOrToken) GetClaims(info *authorization.AuthInfo) (*authorization.Claims, error) {
	if info.AuthToken == "" && info.TLSSubject != nil && m.trusted[info.TLSSubject.CommonName] {
		return &authorization.Claims{Subject: info.TLSSubject.CommonName, System: authorization.RoleAdmin, AuthType: "mtls"}, nil
	}
	return m.tokens.GetClaims(info)
}

// uiStartCalls are the cluster-wide reads the Web UI makes before it shows a namespace: the cluster's
// name and version, and the namespaces (names and settings). Neither names a workflow.
var uiStartCalls = map[string]bool{
	"/temporal.api.workflowservice.v1.WorkflowService/GetClusterInfo": true,
	"/temporal.api.workflowservice.v1.WorkflowService/ListNamespaces": true,
}

// namespaceReaderStartsUi decides as the default authorizer, and also lets a reader of at least one
// namespace make the Web UI's first calls; nobody thereby reads another namespace's workflows.
type namespaceReaderStartsUi struct {
	authorization.Authorizer
}

func (a namespaceReaderStartsUi) Authorize(ctx context.Context, claims *authorization.Claims, target *authorization.CallTarget) (authorization.Result, error) {
	result, err := a.Authorizer.Authorize(ctx, claims, target)
	if err != nil || result.Decision == authorization.DecisionAllow || claims == nil || !uiStartCalls[target.APIName] {
		return result, err
	}
	for _, role := range claims.Namespaces {
		if role >= authorization.RoleReader {
			return authorization.Result{
				Decision:  authorization.DecisionAllow,
				Principal: &commonpb.Principal{Type: claims.AuthType, Name: claims.Subject},
			}, nil
		}
	}
	return result, nil
}

func fail(what string, err error) {
	fmt.Fprintf(os.Stderr, "%s: %v\n", what, err)
	os.Exit(1)
}

func main() {
	configFile := flag.String("config-file", "", "the server's configuration file")
	services := flag.String("services", strings.Join(temporal.DefaultServices, ","), "comma-separated services to run")
	flag.Parse()

	cfg, err := config.Load(config.WithConfigFile(*configFile))
	if err != nil {
		fail("unable to load the configuration", err)
	}
	logger := log.NewZapLogger(log.BuildZapLogger(cfg.Log))
	defaultAuthorizer, err := authorization.GetAuthorizerFromConfig(&cfg.Global.Authorization)
	if err != nil {
		fail("unable to create the authorizer", err)
	}
	authorizer := namespaceReaderStartsUi{defaultAuthorizer}
	tokens, err := authorization.GetClaimMapperFromConfig(&cfg.Global.Authorization, logger)
	if err != nil {
		fail("unable to create the claim mapper", err)
	}
	audience, err := authorization.GetAudienceMapperFromConfig(&cfg.Global.Authorization)
	if err != nil {
		fail("unable to create the audience mapper", err)
	}
	trusted := map[string]bool{}
	for _, cn := range strings.Split(os.Getenv("TEMPORAL_TRUSTED_CLIENT_CNS"), ",") {
		if cn = strings.TrimSpace(cn); cn != "" {
			trusted[cn] = true
		}
	}
	mapper := certificateOrToken{tokens: tokens, trusted: trusted}

	server, err := temporal.NewServer(
		temporal.ForServices(strings.Split(*services, ",")),
		temporal.WithConfig(cfg),
		temporal.WithLogger(logger),
		temporal.InterruptOn(temporal.InterruptCh()),
		temporal.WithAuthorizer(authorizer),
		temporal.WithClaimMapper(func(*config.Config) authorization.ClaimMapper { return mapper }),
		temporal.WithAudienceGetter(func(*config.Config) authorization.JWTAudienceMapper { return audience }),
	)
	if err != nil {
		fail("unable to create the server", err)
	}
	if err := server.Start(); err != nil {
		fail("unable to start the server", err)
	}
}
