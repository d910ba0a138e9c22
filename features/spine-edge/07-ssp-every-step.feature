@hop:ssp
Feature: Spine edge — the SSP's security checks on every step
  The SSP checks its routing headers, the sender's ASID, the receiver and the data-sharing agreement on every
  request it forwards (WE-4b, WE-5b, WE-6b), not only on /metadata (05-ssp-rules.feature). Each row sends the
  rule's probe from support/spine/ssp-rules.ts over the step's well-formed request (support/world/well-formed.ts).

  Background:
    Given the registered patient's practice has been resolved on PDS and SDS
    And the consumer has found a free slot
    And the consumer finds the patient on the provider

  Scenario Outline: <rule> is enforced on <interaction>
    When the consumer sends <interaction> through the SSP as <rule> forbids
    Then the SSP refuses it as <rule> requires

    @SSP-HEADERS
    Examples: SSP-HEADERS
      | rule        | interaction         |
      | SSP-HEADERS | "search free slots" |
      | SSP-HEADERS | "find patient"      |
      | SSP-HEADERS | "book appointment"  |
    @SSP-ASID
    Examples: SSP-ASID
      | rule     | interaction         |
      | SSP-ASID | "search free slots" |
      | SSP-ASID | "find patient"      |
      | SSP-ASID | "book appointment"  |
    @SSP-PARTYKEY
    Examples: SSP-PARTYKEY
      | rule         | interaction         |
      | SSP-PARTYKEY | "search free slots" |
      | SSP-PARTYKEY | "find patient"      |
      | SSP-PARTYKEY | "book appointment"  |
    @SSP-FOT
    Examples: SSP-FOT
      | rule    | interaction         |
      | SSP-FOT | "search free slots" |
      | SSP-FOT | "find patient"      |
      | SSP-FOT | "book appointment"  |
