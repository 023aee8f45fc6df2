import { Schema } from "effect"
import { textOf } from "../_shared/fields.js"

export const Params = Schema.Struct({
  request_object_id: textOf(Schema.NonEmptyString, {
    description: "The id ending the request_uri get_request_object_uri returned (/get-request-object/{id}).",
  }),
}).annotate({ description: "The request object behind a request_uri (oxd 4.x GET /get-request-object/{id})." })

/** The signed request object, as the reference answers it (text/plain, C/CommandType.java:54). */
export const Result = Schema.String.annotate({ description: "The request object: a JWT (compact serialisation)." })
