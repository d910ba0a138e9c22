@hop:provider
Feature: Access Document: the Spine edge and JWT rules on the documents interactions
  The Ssp-* header rules apply on the documents root as on the appointments one (HDR-*, probes sent
  straight to the provider), and the documents root runs the 1.6 JWT rules (DOC-JWT-1.6).

  Background:
    Given the registered patient's documents root has been resolved on PDS and SDS

  Scenario Outline: A documents request without <header> is refused with 400 BAD_REQUEST
    When the consumer sends "read documents metadata" straight to the provider without the <header> header
    Then the provider refuses it with 400 BAD_REQUEST

    @HDR-TRACEID
    Examples: trace id
      | header      |
      | Ssp-TraceID |
    @HDR-FROM
    Examples: sender
      | header   |
      | Ssp-From |

  @HDR-INTERACTION-MATCH
  Scenario: The documents metadata sent with the search's interaction ID is refused
    When the consumer sends "read documents metadata" through the SSP with the Ssp-InteractionID of "search documents"
    Then the provider refuses it with 400 BAD_REQUEST

  @DOC-JWT-1.6
  Scenario: A 1.6 JWT asking for conf/N is accepted on the documents root
    When the consumer retrieves the Binary "doc-1" with the JWT claim requested_scope "patient/*.read conf/N"
    Then the provider answers 200 with a FHIR Binary

  @DOC-JWT-1.6
  Scenario: The migration reason is accepted on migrate document
    When the consumer migrates the Binary "doc-1" with the JWT claim reason_for_request "migration"
    Then the provider answers 200 with a FHIR Binary

  @DOC-JWT-1.6
  Scenario: The migration reason is refused on retrieve document
    When the consumer retrieves the Binary "doc-1" with the JWT claim reason_for_request "migration"
    Then the provider answers 400 naming BAD_REQUEST
