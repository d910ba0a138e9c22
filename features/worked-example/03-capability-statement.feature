@hop:provider
Feature: 3. CapabilityStatement through the Spine Secure Proxy
  GET {ssp}/{service root URL}/metadata with the Ssp-* headers and an unsigned JWT (HDR-*, JWT-BEARER, WE-3a, WE-3b).

  Background:
    Given the registered patient's practice has been resolved on PDS and SDS

  @WE-3a
  Scenario: The provider serves an STU3 CapabilityStatement
    When the consumer sends "read metadata" through the SSP
    Then the provider answers 200 with a FHIR CapabilityStatement
    And the CapabilityStatement declares FHIR version 3.0.1

  @WE-3b
  Scenario: The CapabilityStatement offers JSON and XML and is never cached
    When the consumer sends "read metadata" through the SSP
    Then the CapabilityStatement offers both JSON and XML formats
    And the answer carries Cache-Control no-store

  @WE-3c @hop:ssp
  Scenario: The SSP refuses a URL that is not byte-identical to the SDS root
    When the consumer sends "read metadata" through the SSP to the root with a trailing slash
    Then the SSP answers 400 naming VARIES_FROM_TARGETURL

  @WE-3d @hop:ssp
  Scenario: The SSP refuses a sender with no data-sharing agreement
    When a consumer organisation with no data-sharing agreement sends "read metadata" through the SSP
    Then the SSP answers 403 naming FOT_CHECK_FAILED

  @WE-3e
  Scenario: The CapabilityStatement's version is the appointments version the target declares
    When the consumer sends "read metadata" through the SSP
    Then the CapabilityStatement declares the appointments version the target declares

  @WE-3f
  Scenario: The CapabilityStatement declares the operations the root serves, with their definitions
    When the consumer sends "read metadata" through the SSP
    Then the CapabilityStatement declares the operations of the appointments root

  @WE-3g
  Scenario: The CapabilityStatement lists each profile once
    When the consumer sends "read metadata" through the SSP
    Then the CapabilityStatement lists each profile of the appointments root once

  @WE-3h
  Scenario: The Slot resource declares the includes the slot search uses
    When the consumer sends "read metadata" through the SSP
    Then the CapabilityStatement's Slot resource declares the slot search includes
