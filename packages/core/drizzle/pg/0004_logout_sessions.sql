CREATE TABLE "logout_sessions" (
	"oxd_id" text NOT NULL,
	"op_host" text NOT NULL,
	"sid" text NOT NULL,
	"sub" text NOT NULL,
	"expires_at" bigint NOT NULL,
	"logged_out_at" bigint,
	"channel" text,
	CONSTRAINT "logout_sessions_oxd_id_sid_sub_pk" PRIMARY KEY("oxd_id","sid","sub")
);
--> statement-breakpoint
CREATE TABLE "logout_token_jtis" (
	"iss" text NOT NULL,
	"jti" text NOT NULL,
	"expires_at" bigint NOT NULL,
	CONSTRAINT "logout_token_jtis_iss_jti_pk" PRIMARY KEY("iss","jti")
);
--> statement-breakpoint
CREATE INDEX "logout_sessions_op_host_sid" ON "logout_sessions" USING btree ("op_host","sid");--> statement-breakpoint
CREATE INDEX "logout_sessions_expires_at" ON "logout_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "logout_token_jtis_expires_at" ON "logout_token_jtis" USING btree ("expires_at");