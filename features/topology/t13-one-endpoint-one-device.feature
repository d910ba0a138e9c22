@TOP-T13 @hop:sds
Feature: T13. The two-step SDS lookup yields exactly one Endpoint and one Device
  Endpoint by ODS code and interaction gives the party key; Device by ODS code, interaction and party key gives
  the ASID; each step yields exactly one result (CON-SDS-TWO-STEP, TOP-T13).

  Background:
    Given the registered patient's practice has been traced on PDS

  Scenario Outline: One Endpoint and one Device for <interaction>
    Then the two-step SDS lookup for "<interaction>" yields exactly one Endpoint and exactly one Device

    Examples:
      | interaction           |
      | read metadata         |
      | search free slots     |
      | get structured record |
