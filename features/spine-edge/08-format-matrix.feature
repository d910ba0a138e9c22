@hop:provider
Feature: Spine edge — the format rules on every interaction
  The answer-format rules of 04-format.feature, probed on every Appointment Management and Foundations
  interaction (support/edge-matrix.ts) over that interaction's well-formed request (support/world/well-formed.ts):
  a provider that negotiates on /metadata but answers a booking in JSON whatever was asked is caught on the
  booking. One scenario per interaction checks the four rules in turn, each check naming its own rule:
  _format xml over an Accept of JSON is served as FHIR XML (FMT-NEGOTIATE), gzip-compressed when asked for
  (FMT-GZIP); then the same request with _format text/turtle is refused with 415 UNSUPPORTED_MEDIA_TYPE
  (FMT-415) in a GPConnect-OperationOutcome-1 (FMT-ERROR-OUTCOME). The unsupported-format request follows
  the served one, so on a write it repeats a booking or an If-Match already used: a conformant provider judges
  the format before the request, and answers 415 all the same. On the reads and searches, whose requests can
  be repeated, the whole precedence (_format, else Accept, else Content-Type, else JSON) is probed as well.
  test/unit/edge-matrix.test.ts fails when an interaction the format rules apply to has no row here.

  Background:
    Given the registered patient's practice has been resolved on PDS and SDS
    And the consumer has found a free slot
    And the consumer finds the patient on the provider

  Scenario Outline: The format rules on <interaction>
    When the consumer sends a well-formed <interaction> with _format xml over an Accept of JSON, accepting gzip
    Then the provider serves its answer as FHIR XML as FMT-NEGOTIATE requires
    And its answer came gzip-compressed as FMT-GZIP requires
    When the consumer sends that <interaction> again with _format "text/turtle"
    Then the provider refuses it as FMT-415 requires
    And every error the provider gave is a GPConnect-OperationOutcome-1 with exactly one Spine code

    @FMT-NEGOTIATE @FMT-GZIP @FMT-415 @FMT-ERROR-OUTCOME
    Examples:
      | interaction                       |
      | "read metadata"                   |
      | "read patient"                    |
      | "find patient"                    |
      | "read practitioner"               |
      | "find practitioner"               |
      | "read organization"               |
      | "find organization"               |
      | "read location"                   |
      | "search free slots"               |
      | "read appointment"                |
      | "book appointment"                |
      | "amend appointment"               |
      | "cancel appointment"              |
      | "retrieve patient's appointments" |

  Scenario Outline: The format precedence on <interaction>
    When the consumer sends <interaction> once with each format choice, and the provider serves each as FMT-NEGOTIATE requires
      | _format | accept                | content type          | served |
      | -       | application/fhir+xml  | -                     | XML    |
      | json    | application/fhir+xml  | -                     | JSON   |
      | -       | */*                   | application/fhir+xml  | XML    |
      | -       | application/fhir+json | application/fhir+xml  | JSON   |
      | -       | */*                   | -                     | JSON   |

    @FMT-NEGOTIATE @format-precedence
    Examples: the reads and searches, where a request can be repeated (a write is served once, above)
      | interaction                       |
      | "read metadata"                   |
      | "read patient"                    |
      | "find patient"                    |
      | "read practitioner"               |
      | "find practitioner"               |
      | "read organization"               |
      | "find organization"               |
      | "read location"                   |
      | "search free slots"               |
      | "read appointment"                |
      | "retrieve patient's appointments" |
