@hop:provider
Feature: Spine edge — the provider checks the Ssp-* headers
  The provider refuses a request whose Ssp-* headers are missing or wrong with 400 BAD_REQUEST (HDR-*,
  §6). The SSP itself refuses a request without its routing headers (or with an Ssp-To it cannot route),
  so those probes go straight to the provider's service root, as NHS's provider suite does with its Spine
  proxy off; the SSP's own refusal is features/spine-edge/05-ssp-rules.feature (SSP-HEADERS).

  Background:
    Given the registered patient's practice has been resolved on PDS and SDS

  @needs-direct-provider
  Scenario Outline: A request without <header> is refused with 400 BAD_REQUEST
    When the consumer sends "read metadata" straight to the provider without the <header> header
    Then the provider refuses it with 400 BAD_REQUEST
    And every error the provider gave is a GPConnect-OperationOutcome-1 with exactly one Spine code

    @HDR-TRACEID
    Examples: trace id
      | header      |
      | Ssp-TraceID |
    @HDR-FROM
    Examples: sender
      | header   |
      | Ssp-From |
    @HDR-TO
    Examples: receiver
      | header |
      | Ssp-To |
    @HDR-INTERACTIONID
    Examples: interaction
      | header            |
      | Ssp-InteractionID |

  @HDR-INTERACTION-MATCH
  Scenario: An Ssp-InteractionID that does not match the URL is refused with 400 BAD_REQUEST
    When the consumer sends "read metadata" through the SSP with the Ssp-InteractionID of "search free slots"
    Then the provider refuses it with 400 BAD_REQUEST
    And every error the provider gave is a GPConnect-OperationOutcome-1 with exactly one Spine code

  @HDR-TO-ASID @needs-direct-provider
  Scenario: An Ssp-To that is not the provider's ASID is refused with 400 BAD_REQUEST
    When the consumer sends "read metadata" straight to the provider with Ssp-To "000000000000"
    Then the provider refuses it with 400 BAD_REQUEST
    And every error the provider gave is a GPConnect-OperationOutcome-1 with exactly one Spine code
