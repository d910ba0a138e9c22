@hop:pds
Feature: 1+. PDS trace in depth
  What the consumer does with what PDS says (WE-1e … WE-1h): a restricted or deceased patient goes no further
  than PDS, a superseded number goes on as its surviving number, and PDS's own refusals carry their codes.

  @WE-1e
  Scenario: A restricted patient stops the journey and nothing is sent to GP Connect
    Given the restricted patient
    When the consumer runs the journey for the patient
    Then the journey stops because the patient is restricted
    And 0 requests were sent to the SSP

  @WE-1h
  Scenario: A deceased patient is flagged and the journey stops
    Given the deceased patient
    When the consumer runs the journey for the patient
    Then the PDS Patient is flagged deceased
    And the journey stops because the patient is deceased
    And 0 requests were sent to the SSP

  @WE-1f
  Scenario: A superseded number goes on as the surviving number
    Given the superseded patient
    When the consumer runs the journey for the patient
    Then the PDS Patient's id is the surviving NHS number
    And the evidence records the superseded number and the GP Connect search used the surviving one

  @CON-NHS-NUMBER
  Scenario: An NHS number failing the check digit is refused before any request
    Given the invalid check digit patient
    When the consumer runs the journey for the patient
    Then the journey stops because the NHS number is invalid
    And no request was sent at all

  @WE-1g
  Scenario Outline: PDS refuses <case> with <status> <code>
    Given the <role> patient
    When the consumer traces the patient on PDS <how> an X-Request-ID
    Then PDS answers <status> with the code <code>

    Examples:
      | case                            | role                | how     | status | code                 |
      | an unknown number               | unknown             | with    | 404    | RESOURCE_NOT_FOUND   |
      | an invalidated record           | invalidated         | with    | 404    | INVALIDATED_RESOURCE |
      | a number failing its check digit | invalid check digit | with    | 400    | INVALID_RESOURCE_ID  |
      | a trace without X-Request-ID    | registered          | without | 400    | MISSING_VALUE        |
