CREATE TABLE "authorization_requests" (
	"state" text PRIMARY KEY NOT NULL,
	"oxd_id" text NOT NULL,
	"purpose" text DEFAULT 'authorization' NOT NULL,
	"nonce" text NOT NULL,
	"code_verifier" text,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"consumed_at" bigint
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"oxd_id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"op_host" text NOT NULL,
	"op_discovery_path" text,
	"client_id" text NOT NULL,
	"client_secret" text,
	"registration_access_token" text,
	"registration_client_uri" text,
	"client_id_issued_at" bigint,
	"client_secret_expires_at" bigint,
	"setup_client_id" text,
	"authorization_redirect_uri" text,
	"post_logout_redirect_uri" text,
	"scope" jsonb NOT NULL,
	"acr_values" jsonb NOT NULL,
	"metadata" jsonb NOT NULL,
	"last_id_token" text,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "uma_resources" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"oxd_id" text NOT NULL,
	"path" text NOT NULL,
	"http_methods" jsonb NOT NULL,
	"scopes" jsonb NOT NULL,
	"ticket_scopes" jsonb,
	"scope_expression" jsonb,
	"resource_id" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "authorization_requests_expires_at" ON "authorization_requests" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "sites_client_id" ON "sites" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "sites_op_host_kind" ON "sites" USING btree ("op_host","kind");--> statement-breakpoint
CREATE INDEX "uma_resources_site_path" ON "uma_resources" USING btree ("oxd_id","path");