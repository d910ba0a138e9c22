@TOP-T11 @hop:sds
Feature: T11. Foundations and Appointment Management share one root; other capabilities have their own
  Appointment Management and Foundations share one service root; every other capability has a different root;
  all roots of a product set use one FHIR version (TOP-T11).

  Scenario Outline: The reference estate <estate> satisfies T11
    Given the shipped estate "<estate>"
    Then topology rule T11 passes

    Examples: reference estates
      | estate                |
      | consumer-shared-mhs   |
      | consumer-separate-mhs |
      | provider-shared-mhs   |
      | provider-separate-mhs |

  Scenario Outline: <estate> breaks T11 and no other rule
    Given the shipped estate "<estate>"
    Then topology rule T11 fails, naming the records that break it
    And every topology rule other than T11 passes

    Examples: invalid estates
      | estate                                       |
      | t11-am-and-foundations-under-different-roots |
      | t11-structured-shares-appointments-root      |

  @static
  Scenario: The estate under assessment satisfies T11
    Given the estate under assessment
    Then topology rule T11 passes
