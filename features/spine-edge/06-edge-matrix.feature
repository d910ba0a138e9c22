@hop:provider
Feature: Spine edge — every edge rule on every interaction
  Each provider-mode rule of the rule tables is probed on every Appointment Management and Foundations
  interaction it applies to (support/edge-matrix.ts), over that interaction's well-formed request
  (support/world/well-formed.ts): a provider that enforces a rule on /metadata but not on a booking is caught
  on the booking. test/unit/edge-matrix.test.ts fails when a pair the matrix calls for has no row here.
  The Ssp-* header probes go straight to the provider (the SSP would refuse them first): @needs-direct-provider.

  Background:
    Given the registered patient's practice has been resolved on PDS and SDS
    And the consumer has found a free slot
    And the consumer finds the patient on the provider

  Scenario Outline: <rule> is enforced on <interaction>
    When the consumer sends <interaction> broken as <rule> forbids
    Then the provider refuses it as <rule> requires

    @HDR-TRACEID @needs-direct-provider
    Examples: HDR-TRACEID
      | rule        | interaction                       |
      | HDR-TRACEID | "read metadata"                   |
      | HDR-TRACEID | "read patient"                    |
      | HDR-TRACEID | "find patient"                    |
      | HDR-TRACEID | "read practitioner"               |
      | HDR-TRACEID | "find practitioner"               |
      | HDR-TRACEID | "read organization"               |
      | HDR-TRACEID | "find organization"               |
      | HDR-TRACEID | "read location"                   |
      | HDR-TRACEID | "search free slots"               |
      | HDR-TRACEID | "read appointment"                |
      | HDR-TRACEID | "book appointment"                |
      | HDR-TRACEID | "amend appointment"               |
      | HDR-TRACEID | "cancel appointment"              |
      | HDR-TRACEID | "retrieve patient's appointments" |
    @HDR-FROM @needs-direct-provider
    Examples: HDR-FROM
      | rule     | interaction                       |
      | HDR-FROM | "read metadata"                   |
      | HDR-FROM | "read patient"                    |
      | HDR-FROM | "find patient"                    |
      | HDR-FROM | "read practitioner"               |
      | HDR-FROM | "find practitioner"               |
      | HDR-FROM | "read organization"               |
      | HDR-FROM | "find organization"               |
      | HDR-FROM | "read location"                   |
      | HDR-FROM | "search free slots"               |
      | HDR-FROM | "read appointment"                |
      | HDR-FROM | "book appointment"                |
      | HDR-FROM | "amend appointment"               |
      | HDR-FROM | "cancel appointment"              |
      | HDR-FROM | "retrieve patient's appointments" |
    @HDR-TO @needs-direct-provider
    Examples: HDR-TO
      | rule   | interaction                       |
      | HDR-TO | "read metadata"                   |
      | HDR-TO | "read patient"                    |
      | HDR-TO | "find patient"                    |
      | HDR-TO | "read practitioner"               |
      | HDR-TO | "find practitioner"               |
      | HDR-TO | "read organization"               |
      | HDR-TO | "find organization"               |
      | HDR-TO | "read location"                   |
      | HDR-TO | "search free slots"               |
      | HDR-TO | "read appointment"                |
      | HDR-TO | "book appointment"                |
      | HDR-TO | "amend appointment"               |
      | HDR-TO | "cancel appointment"              |
      | HDR-TO | "retrieve patient's appointments" |
    @HDR-INTERACTIONID @needs-direct-provider
    Examples: HDR-INTERACTIONID
      | rule              | interaction                       |
      | HDR-INTERACTIONID | "read metadata"                   |
      | HDR-INTERACTIONID | "read patient"                    |
      | HDR-INTERACTIONID | "find patient"                    |
      | HDR-INTERACTIONID | "read practitioner"               |
      | HDR-INTERACTIONID | "find practitioner"               |
      | HDR-INTERACTIONID | "read organization"               |
      | HDR-INTERACTIONID | "find organization"               |
      | HDR-INTERACTIONID | "read location"                   |
      | HDR-INTERACTIONID | "search free slots"               |
      | HDR-INTERACTIONID | "read appointment"                |
      | HDR-INTERACTIONID | "book appointment"                |
      | HDR-INTERACTIONID | "amend appointment"               |
      | HDR-INTERACTIONID | "cancel appointment"              |
      | HDR-INTERACTIONID | "retrieve patient's appointments" |
    @HDR-INTERACTION-MATCH
    Examples: HDR-INTERACTION-MATCH
      | rule                  | interaction                       |
      | HDR-INTERACTION-MATCH | "read metadata"                   |
      | HDR-INTERACTION-MATCH | "read patient"                    |
      | HDR-INTERACTION-MATCH | "find patient"                    |
      | HDR-INTERACTION-MATCH | "read practitioner"               |
      | HDR-INTERACTION-MATCH | "find practitioner"               |
      | HDR-INTERACTION-MATCH | "read organization"               |
      | HDR-INTERACTION-MATCH | "find organization"               |
      | HDR-INTERACTION-MATCH | "read location"                   |
      | HDR-INTERACTION-MATCH | "search free slots"               |
      | HDR-INTERACTION-MATCH | "read appointment"                |
      | HDR-INTERACTION-MATCH | "book appointment"                |
      | HDR-INTERACTION-MATCH | "amend appointment"               |
      | HDR-INTERACTION-MATCH | "cancel appointment"              |
      | HDR-INTERACTION-MATCH | "retrieve patient's appointments" |
    @HDR-TO-ASID @needs-direct-provider
    Examples: HDR-TO-ASID
      | rule        | interaction                       |
      | HDR-TO-ASID | "read metadata"                   |
      | HDR-TO-ASID | "read patient"                    |
      | HDR-TO-ASID | "find patient"                    |
      | HDR-TO-ASID | "read practitioner"               |
      | HDR-TO-ASID | "find practitioner"               |
      | HDR-TO-ASID | "read organization"               |
      | HDR-TO-ASID | "find organization"               |
      | HDR-TO-ASID | "read location"                   |
      | HDR-TO-ASID | "search free slots"               |
      | HDR-TO-ASID | "read appointment"                |
      | HDR-TO-ASID | "book appointment"                |
      | HDR-TO-ASID | "amend appointment"               |
      | HDR-TO-ASID | "cancel appointment"              |
      | HDR-TO-ASID | "retrieve patient's appointments" |
    @JWT-BEARER
    Examples: JWT-BEARER
      | rule       | interaction                       |
      | JWT-BEARER | "read metadata"                   |
      | JWT-BEARER | "read patient"                    |
      | JWT-BEARER | "find patient"                    |
      | JWT-BEARER | "read practitioner"               |
      | JWT-BEARER | "find practitioner"               |
      | JWT-BEARER | "read organization"               |
      | JWT-BEARER | "find organization"               |
      | JWT-BEARER | "read location"                   |
      | JWT-BEARER | "search free slots"               |
      | JWT-BEARER | "read appointment"                |
      | JWT-BEARER | "book appointment"                |
      | JWT-BEARER | "amend appointment"               |
      | JWT-BEARER | "cancel appointment"              |
      | JWT-BEARER | "retrieve patient's appointments" |
    @JWT-ISS
    Examples: JWT-ISS
      | rule    | interaction                       |
      | JWT-ISS | "read metadata"                   |
      | JWT-ISS | "read patient"                    |
      | JWT-ISS | "find patient"                    |
      | JWT-ISS | "read practitioner"               |
      | JWT-ISS | "find practitioner"               |
      | JWT-ISS | "read organization"               |
      | JWT-ISS | "find organization"               |
      | JWT-ISS | "read location"                   |
      | JWT-ISS | "search free slots"               |
      | JWT-ISS | "read appointment"                |
      | JWT-ISS | "book appointment"                |
      | JWT-ISS | "amend appointment"               |
      | JWT-ISS | "cancel appointment"              |
      | JWT-ISS | "retrieve patient's appointments" |
    @JWT-AUD
    Examples: JWT-AUD
      | rule    | interaction                       |
      | JWT-AUD | "read metadata"                   |
      | JWT-AUD | "read patient"                    |
      | JWT-AUD | "find patient"                    |
      | JWT-AUD | "read practitioner"               |
      | JWT-AUD | "find practitioner"               |
      | JWT-AUD | "read organization"               |
      | JWT-AUD | "find organization"               |
      | JWT-AUD | "read location"                   |
      | JWT-AUD | "search free slots"               |
      | JWT-AUD | "read appointment"                |
      | JWT-AUD | "book appointment"                |
      | JWT-AUD | "amend appointment"               |
      | JWT-AUD | "cancel appointment"              |
      | JWT-AUD | "retrieve patient's appointments" |
    @JWT-EXP
    Examples: JWT-EXP
      | rule    | interaction                       |
      | JWT-EXP | "read metadata"                   |
      | JWT-EXP | "read patient"                    |
      | JWT-EXP | "find patient"                    |
      | JWT-EXP | "read practitioner"               |
      | JWT-EXP | "find practitioner"               |
      | JWT-EXP | "read organization"               |
      | JWT-EXP | "find organization"               |
      | JWT-EXP | "read location"                   |
      | JWT-EXP | "search free slots"               |
      | JWT-EXP | "read appointment"                |
      | JWT-EXP | "book appointment"                |
      | JWT-EXP | "amend appointment"               |
      | JWT-EXP | "cancel appointment"              |
      | JWT-EXP | "retrieve patient's appointments" |
    @JWT-IAT
    Examples: JWT-IAT
      | rule    | interaction                       |
      | JWT-IAT | "read metadata"                   |
      | JWT-IAT | "read patient"                    |
      | JWT-IAT | "find patient"                    |
      | JWT-IAT | "read practitioner"               |
      | JWT-IAT | "find practitioner"               |
      | JWT-IAT | "read organization"               |
      | JWT-IAT | "find organization"               |
      | JWT-IAT | "read location"                   |
      | JWT-IAT | "search free slots"               |
      | JWT-IAT | "read appointment"                |
      | JWT-IAT | "book appointment"                |
      | JWT-IAT | "amend appointment"               |
      | JWT-IAT | "cancel appointment"              |
      | JWT-IAT | "retrieve patient's appointments" |
    @JWT-REASON
    Examples: JWT-REASON
      | rule       | interaction                       |
      | JWT-REASON | "read metadata"                   |
      | JWT-REASON | "read patient"                    |
      | JWT-REASON | "find patient"                    |
      | JWT-REASON | "read practitioner"               |
      | JWT-REASON | "find practitioner"               |
      | JWT-REASON | "read organization"               |
      | JWT-REASON | "find organization"               |
      | JWT-REASON | "read location"                   |
      | JWT-REASON | "search free slots"               |
      | JWT-REASON | "read appointment"                |
      | JWT-REASON | "book appointment"                |
      | JWT-REASON | "amend appointment"               |
      | JWT-REASON | "cancel appointment"              |
      | JWT-REASON | "retrieve patient's appointments" |
    @JWT-SCOPE
    Examples: JWT-SCOPE
      | rule      | interaction                       |
      | JWT-SCOPE | "read metadata"                   |
      | JWT-SCOPE | "read patient"                    |
      | JWT-SCOPE | "find patient"                    |
      | JWT-SCOPE | "read practitioner"               |
      | JWT-SCOPE | "find practitioner"               |
      | JWT-SCOPE | "read organization"               |
      | JWT-SCOPE | "find organization"               |
      | JWT-SCOPE | "read location"                   |
      | JWT-SCOPE | "search free slots"               |
      | JWT-SCOPE | "read appointment"                |
      | JWT-SCOPE | "book appointment"                |
      | JWT-SCOPE | "amend appointment"               |
      | JWT-SCOPE | "cancel appointment"              |
      | JWT-SCOPE | "retrieve patient's appointments" |
    @JWT-DEVICE
    Examples: JWT-DEVICE
      | rule       | interaction                       |
      | JWT-DEVICE | "read metadata"                   |
      | JWT-DEVICE | "read patient"                    |
      | JWT-DEVICE | "find patient"                    |
      | JWT-DEVICE | "read practitioner"               |
      | JWT-DEVICE | "find practitioner"               |
      | JWT-DEVICE | "read organization"               |
      | JWT-DEVICE | "find organization"               |
      | JWT-DEVICE | "read location"                   |
      | JWT-DEVICE | "search free slots"               |
      | JWT-DEVICE | "read appointment"                |
      | JWT-DEVICE | "book appointment"                |
      | JWT-DEVICE | "amend appointment"               |
      | JWT-DEVICE | "cancel appointment"              |
      | JWT-DEVICE | "retrieve patient's appointments" |
    @JWT-ORGANIZATION
    Examples: JWT-ORGANIZATION
      | rule             | interaction                       |
      | JWT-ORGANIZATION | "read metadata"                   |
      | JWT-ORGANIZATION | "read patient"                    |
      | JWT-ORGANIZATION | "find patient"                    |
      | JWT-ORGANIZATION | "read practitioner"               |
      | JWT-ORGANIZATION | "find practitioner"               |
      | JWT-ORGANIZATION | "read organization"               |
      | JWT-ORGANIZATION | "find organization"               |
      | JWT-ORGANIZATION | "read location"                   |
      | JWT-ORGANIZATION | "search free slots"               |
      | JWT-ORGANIZATION | "read appointment"                |
      | JWT-ORGANIZATION | "book appointment"                |
      | JWT-ORGANIZATION | "amend appointment"               |
      | JWT-ORGANIZATION | "cancel appointment"              |
      | JWT-ORGANIZATION | "retrieve patient's appointments" |
    @JWT-PRACTITIONER
    Examples: JWT-PRACTITIONER
      | rule             | interaction                       |
      | JWT-PRACTITIONER | "read metadata"                   |
      | JWT-PRACTITIONER | "read patient"                    |
      | JWT-PRACTITIONER | "find patient"                    |
      | JWT-PRACTITIONER | "read practitioner"               |
      | JWT-PRACTITIONER | "find practitioner"               |
      | JWT-PRACTITIONER | "read organization"               |
      | JWT-PRACTITIONER | "find organization"               |
      | JWT-PRACTITIONER | "read location"                   |
      | JWT-PRACTITIONER | "search free slots"               |
      | JWT-PRACTITIONER | "read appointment"                |
      | JWT-PRACTITIONER | "book appointment"                |
      | JWT-PRACTITIONER | "amend appointment"               |
      | JWT-PRACTITIONER | "cancel appointment"              |
      | JWT-PRACTITIONER | "retrieve patient's appointments" |
    @JWT-LIFETIME
    Examples: JWT-LIFETIME
      | rule         | interaction                       |
      | JWT-LIFETIME | "read metadata"                   |
      | JWT-LIFETIME | "read patient"                    |
      | JWT-LIFETIME | "find patient"                    |
      | JWT-LIFETIME | "read practitioner"               |
      | JWT-LIFETIME | "find practitioner"               |
      | JWT-LIFETIME | "read organization"               |
      | JWT-LIFETIME | "find organization"               |
      | JWT-LIFETIME | "read location"                   |
      | JWT-LIFETIME | "search free slots"               |
      | JWT-LIFETIME | "read appointment"                |
      | JWT-LIFETIME | "book appointment"                |
      | JWT-LIFETIME | "amend appointment"               |
      | JWT-LIFETIME | "cancel appointment"              |
      | JWT-LIFETIME | "retrieve patient's appointments" |
    @JWT-EXPIRED
    Examples: JWT-EXPIRED
      | rule        | interaction                       |
      | JWT-EXPIRED | "read metadata"                   |
      | JWT-EXPIRED | "read patient"                    |
      | JWT-EXPIRED | "find patient"                    |
      | JWT-EXPIRED | "read practitioner"               |
      | JWT-EXPIRED | "find practitioner"               |
      | JWT-EXPIRED | "read organization"               |
      | JWT-EXPIRED | "find organization"               |
      | JWT-EXPIRED | "read location"                   |
      | JWT-EXPIRED | "search free slots"               |
      | JWT-EXPIRED | "read appointment"                |
      | JWT-EXPIRED | "book appointment"                |
      | JWT-EXPIRED | "amend appointment"               |
      | JWT-EXPIRED | "cancel appointment"              |
      | JWT-EXPIRED | "retrieve patient's appointments" |
    @JWT-REASON-VALUE
    Examples: JWT-REASON-VALUE
      | rule             | interaction                       |
      | JWT-REASON-VALUE | "read metadata"                   |
      | JWT-REASON-VALUE | "read patient"                    |
      | JWT-REASON-VALUE | "find patient"                    |
      | JWT-REASON-VALUE | "read practitioner"               |
      | JWT-REASON-VALUE | "find practitioner"               |
      | JWT-REASON-VALUE | "read organization"               |
      | JWT-REASON-VALUE | "find organization"               |
      | JWT-REASON-VALUE | "read location"                   |
      | JWT-REASON-VALUE | "search free slots"               |
      | JWT-REASON-VALUE | "read appointment"                |
      | JWT-REASON-VALUE | "book appointment"                |
      | JWT-REASON-VALUE | "amend appointment"               |
      | JWT-REASON-VALUE | "cancel appointment"              |
      | JWT-REASON-VALUE | "retrieve patient's appointments" |
    @JWT-SCOPE-MATCH
    Examples: JWT-SCOPE-MATCH
      | rule            | interaction                       |
      | JWT-SCOPE-MATCH | "read metadata"                   |
      | JWT-SCOPE-MATCH | "read patient"                    |
      | JWT-SCOPE-MATCH | "find patient"                    |
      | JWT-SCOPE-MATCH | "read practitioner"               |
      | JWT-SCOPE-MATCH | "find practitioner"               |
      | JWT-SCOPE-MATCH | "read organization"               |
      | JWT-SCOPE-MATCH | "find organization"               |
      | JWT-SCOPE-MATCH | "read location"                   |
      | JWT-SCOPE-MATCH | "search free slots"               |
      | JWT-SCOPE-MATCH | "read appointment"                |
      | JWT-SCOPE-MATCH | "book appointment"                |
      | JWT-SCOPE-MATCH | "amend appointment"               |
      | JWT-SCOPE-MATCH | "cancel appointment"              |
      | JWT-SCOPE-MATCH | "retrieve patient's appointments" |
    @JWT-AUD-ROOT
    Examples: JWT-AUD-ROOT
      | rule         | interaction                       |
      | JWT-AUD-ROOT | "read metadata"                   |
      | JWT-AUD-ROOT | "read patient"                    |
      | JWT-AUD-ROOT | "find patient"                    |
      | JWT-AUD-ROOT | "read practitioner"               |
      | JWT-AUD-ROOT | "find practitioner"               |
      | JWT-AUD-ROOT | "read organization"               |
      | JWT-AUD-ROOT | "find organization"               |
      | JWT-AUD-ROOT | "read location"                   |
      | JWT-AUD-ROOT | "search free slots"               |
      | JWT-AUD-ROOT | "read appointment"                |
      | JWT-AUD-ROOT | "book appointment"                |
      | JWT-AUD-ROOT | "amend appointment"               |
      | JWT-AUD-ROOT | "cancel appointment"              |
      | JWT-AUD-ROOT | "retrieve patient's appointments" |
    @JWT-DEVICE-RESOURCE
    Examples: JWT-DEVICE-RESOURCE
      | rule                | interaction                       |
      | JWT-DEVICE-RESOURCE | "read metadata"                   |
      | JWT-DEVICE-RESOURCE | "read patient"                    |
      | JWT-DEVICE-RESOURCE | "find patient"                    |
      | JWT-DEVICE-RESOURCE | "read practitioner"               |
      | JWT-DEVICE-RESOURCE | "find practitioner"               |
      | JWT-DEVICE-RESOURCE | "read organization"               |
      | JWT-DEVICE-RESOURCE | "find organization"               |
      | JWT-DEVICE-RESOURCE | "read location"                   |
      | JWT-DEVICE-RESOURCE | "search free slots"               |
      | JWT-DEVICE-RESOURCE | "read appointment"                |
      | JWT-DEVICE-RESOURCE | "book appointment"                |
      | JWT-DEVICE-RESOURCE | "amend appointment"               |
      | JWT-DEVICE-RESOURCE | "cancel appointment"              |
      | JWT-DEVICE-RESOURCE | "retrieve patient's appointments" |
    @JWT-PRACTITIONER-RESOURCE
    Examples: JWT-PRACTITIONER-RESOURCE
      | rule                      | interaction                       |
      | JWT-PRACTITIONER-RESOURCE | "read metadata"                   |
      | JWT-PRACTITIONER-RESOURCE | "read patient"                    |
      | JWT-PRACTITIONER-RESOURCE | "find patient"                    |
      | JWT-PRACTITIONER-RESOURCE | "read practitioner"               |
      | JWT-PRACTITIONER-RESOURCE | "find practitioner"               |
      | JWT-PRACTITIONER-RESOURCE | "read organization"               |
      | JWT-PRACTITIONER-RESOURCE | "find organization"               |
      | JWT-PRACTITIONER-RESOURCE | "read location"                   |
      | JWT-PRACTITIONER-RESOURCE | "search free slots"               |
      | JWT-PRACTITIONER-RESOURCE | "read appointment"                |
      | JWT-PRACTITIONER-RESOURCE | "book appointment"                |
      | JWT-PRACTITIONER-RESOURCE | "amend appointment"               |
      | JWT-PRACTITIONER-RESOURCE | "cancel appointment"              |
      | JWT-PRACTITIONER-RESOURCE | "retrieve patient's appointments" |
    @JWT-ORGANIZATION-RESOURCE
    Examples: JWT-ORGANIZATION-RESOURCE
      | rule                      | interaction                       |
      | JWT-ORGANIZATION-RESOURCE | "read metadata"                   |
      | JWT-ORGANIZATION-RESOURCE | "read patient"                    |
      | JWT-ORGANIZATION-RESOURCE | "find patient"                    |
      | JWT-ORGANIZATION-RESOURCE | "read practitioner"               |
      | JWT-ORGANIZATION-RESOURCE | "find practitioner"               |
      | JWT-ORGANIZATION-RESOURCE | "read organization"               |
      | JWT-ORGANIZATION-RESOURCE | "find organization"               |
      | JWT-ORGANIZATION-RESOURCE | "read location"                   |
      | JWT-ORGANIZATION-RESOURCE | "search free slots"               |
      | JWT-ORGANIZATION-RESOURCE | "read appointment"                |
      | JWT-ORGANIZATION-RESOURCE | "book appointment"                |
      | JWT-ORGANIZATION-RESOURCE | "amend appointment"               |
      | JWT-ORGANIZATION-RESOURCE | "cancel appointment"              |
      | JWT-ORGANIZATION-RESOURCE | "retrieve patient's appointments" |
    @JWT-SUB
    Examples: JWT-SUB
      | rule    | interaction                       |
      | JWT-SUB | "read metadata"                   |
      | JWT-SUB | "read patient"                    |
      | JWT-SUB | "find patient"                    |
      | JWT-SUB | "read practitioner"               |
      | JWT-SUB | "find practitioner"               |
      | JWT-SUB | "read organization"               |
      | JWT-SUB | "find organization"               |
      | JWT-SUB | "read location"                   |
      | JWT-SUB | "search free slots"               |
      | JWT-SUB | "read appointment"                |
      | JWT-SUB | "book appointment"                |
      | JWT-SUB | "amend appointment"               |
      | JWT-SUB | "cancel appointment"              |
      | JWT-SUB | "retrieve patient's appointments" |

  Scenario Outline: FMT-NO-STORE on <interaction>
    When the consumer sends a well-formed <interaction>
    Then its answer carries Cache-Control no-store

    @FMT-NO-STORE
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

  Scenario Outline: FMT-ETAG on <interaction>
    When the consumer sends a well-formed <interaction>
    Then the answer carries a weak ETag

    @FMT-ETAG
    Examples:
      | interaction         |
      | "read patient"      |
      | "read practitioner" |
      | "read organization" |
      | "read location"     |
      | "read appointment"  |
