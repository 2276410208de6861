// The claims of LTI 1.3 messages that handprop reads or writes, by their IMS names, and the shape
// a launch's id_token must have (LTI 1.3 Core §5, Deep Linking 2.0 §4.4, AGS 2.0 §3.1, NRPS 2.0
// §3.6). Parsed with zod after the signature is verified: only parsed values are used.
import { z } from "zod";

const LTI = "https://purl.imsglobal.org/spec/lti/claim/";
export const CLAIM = {
  messageType: `${LTI}message_type`,
  version: `${LTI}version`,
  deploymentId: `${LTI}deployment_id`,
  targetLinkUri: `${LTI}target_link_uri`,
  resourceLink: `${LTI}resource_link`,
  roles: `${LTI}roles`,
  context: `${LTI}context`,
  custom: `${LTI}custom`,
  deepLinkingSettings: "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings",
  contentItems: "https://purl.imsglobal.org/spec/lti-dl/claim/content_items",
  dlData: "https://purl.imsglobal.org/spec/lti-dl/claim/data",
  ags: "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint",
  nrps: "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice",
} as const;

/** The scopes the tool asks the platform's token endpoint for (AGS 2.0 §3.1, NRPS 2.0 §2.1). */
export const SCOPE = {
  lineItem: "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
  score: "https://purl.imsglobal.org/spec/lti-ags/scope/score",
  memberships: "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
} as const;

export const MESSAGE_TYPES = ["LtiResourceLinkRequest", "LtiDeepLinkingRequest"] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** The custom parameter a deep-linked resource link carries: the problem set it opens. */
export const SET_PARAM = "handprop_set";

const text = z.string().min(1).max(1000);
const url = z.url().max(2000);

/** What every launch carries (id_token claims after verification). */
export const launchSchema = z.object({
  iss: text,
  sub: z.string().min(1).max(255),
  nonce: text,
  name: z.string().max(200).optional(),
  given_name: z.string().max(200).optional(),
  family_name: z.string().max(200).optional(),
  email: z.string().max(200).optional(),
  locale: z.string().max(20).optional(),
  [CLAIM.version]: z.literal("1.3.0"),
  [CLAIM.messageType]: z.enum(MESSAGE_TYPES),
  [CLAIM.deploymentId]: z.string().min(1).max(255),
  [CLAIM.roles]: z.array(z.string().max(500)).max(100),
  [CLAIM.context]: z.object({ id: z.string().min(1).max(255), title: z.string().max(500).nullish(), label: z.string().max(500).nullish() }).optional(),
  [CLAIM.resourceLink]: z.object({ id: z.string().min(1).max(255), title: z.string().max(500).nullish() }).optional(),
  [CLAIM.custom]: z.record(z.string(), z.unknown()).optional(),
  [CLAIM.ags]: z.object({ scope: z.array(z.string()).optional(), lineitems: url.optional(), lineitem: url.optional() }).optional(),
  [CLAIM.nrps]: z.object({ context_memberships_url: url }).optional(),
  [CLAIM.deepLinkingSettings]: z
    .object({ deep_link_return_url: url, accept_types: z.array(z.string()).optional(), accept_lineitem: z.boolean().optional(), data: z.string().max(4000).optional() })
    .optional(),
});
export type LaunchClaims = z.infer<typeof launchSchema>;

/** A course role in handprop's words, from the LIS roles a launch (or a roster) carries. */
export type CourseRole = "instructor" | "ta" | "student";

const LIS = "http://purl.imsglobal.org/vocab/lis/v2/membership";
/**
 * A teaching assistant is checked first: platforms send TAs the Instructor role too, with the
 * TeachingAssistant sub-role (LIS v2, as Canvas and Moodle do). Administrators and content
 * developers of the course teach it. Anyone else is a student. Short names ("Instructor") are
 * allowed for context roles by LTI 1.3 Core §A.2.3.1.
 */
export function courseRoleOf(roles: readonly string[]): CourseRole {
  const has = (name: string) => roles.some((r) => r === `${LIS}#${name}` || r === name);
  if (roles.some((r) => r === `${LIS}/Instructor#TeachingAssistant` || r === "Instructor#TeachingAssistant")) return "ta";
  if (has("Instructor") || has("Administrator") || has("ContentDeveloper")) return "instructor";
  return "student";
}
