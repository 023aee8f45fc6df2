CREATE TABLE "token_subjects" (
	"oxd_id" text NOT NULL,
	"kind" text NOT NULL,
	"token_hash" text NOT NULL,
	"sub" text NOT NULL,
	"expires_at" bigint NOT NULL,
	CONSTRAINT "token_subjects_oxd_id_kind_token_hash_pk" PRIMARY KEY("oxd_id","kind","token_hash")
);
--> statement-breakpoint
CREATE INDEX "token_subjects_expires_at" ON "token_subjects" USING btree ("expires_at");