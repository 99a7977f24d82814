/**
 * The demo institutional index: an OCA-shaped framework (seven weighted sections of five criteria
 * scored 1–4, see `shared/reference/donor-formats.md`), in which WANEP-Mali's 2022 scores give
 * the bulletin's 86,85 % and a place on the podium. WANEP's own criteria are not public: the
 * criteria, the peers' scores and WANEP-Mali's 2021 cycle are ILLUSTRATIVE.
 */
export interface DemoSection {
  code: string;
  name: string;
  nameEn: string;
  weight: number;
  criteria: [string, string][];
}

export const demoFramework = {
  code: 'WODI',
  name: 'Indice de durabilité institutionnelle (WODI)',
  nameEn: 'Institutional sustainability index (WODI)',
  scaleMin: 1,
  scaleMax: 4,
  missingRule: 'exclude' as const,
};

export const demoSections: DemoSection[] = [
  {
    code: 'governance',
    name: 'Gouvernance et statut juridique',
    nameEn: 'Governance and legal structure',
    weight: 20,
    criteria: [
      ['Statuts et enregistrement à jour', 'Up-to-date statutes and registration'],
      ['Conseil d’administration fonctionnel', 'Functioning board'],
      ['Assemblée générale tenue', 'General assembly held'],
      [
        'Séparation des rôles de gouvernance et de gestion',
        'Governance and management roles separated',
      ],
      ['Plan stratégique adopté', 'Adopted strategic plan'],
    ],
  },
  {
    code: 'finance',
    name: 'Gestion financière et contrôle interne',
    nameEn: 'Financial management and internal control',
    weight: 15,
    criteria: [
      ['Manuel de procédures financières', 'Financial procedures manual'],
      ['Comptabilité à jour', 'Up-to-date accounts'],
      ['Audit externe annuel', 'Annual external audit'],
      ['Budget suivi par bailleur', 'Budget tracked per donor'],
      ['Diversification des ressources', 'Diversified funding'],
    ],
  },
  {
    code: 'administration',
    name: 'Administration et passation des marchés',
    nameEn: 'Administration and procurement',
    weight: 15,
    criteria: [
      ['Procédures d’achat écrites', 'Written procurement procedures'],
      ['Gestion des biens et inventaire', 'Asset management and inventory'],
      ['Archivage des documents', 'Document filing'],
      ['Politique de voyages et missions', 'Travel policy'],
      ['Sécurité informatique', 'IT security'],
    ],
  },
  {
    code: 'human-resources',
    name: 'Ressources humaines',
    nameEn: 'Human resources',
    weight: 14,
    criteria: [
      ['Manuel du personnel', 'Staff manual'],
      ['Descriptions de postes', 'Job descriptions'],
      ['Évaluation annuelle du personnel', 'Annual staff appraisal'],
      ['Plan de formation', 'Training plan'],
      ['Politique genre et sauvegarde', 'Gender and safeguarding policy'],
    ],
  },
  {
    code: 'programme',
    name: 'Gestion des programmes',
    nameEn: 'Programme management',
    weight: 12,
    criteria: [
      ['Planification annuelle', 'Annual planning'],
      ['Analyse de conflit à jour', 'Up-to-date conflict analysis'],
      ['Implication des membres du réseau', 'Member involvement'],
      ['Rapports aux bailleurs à temps', 'Timely donor reporting'],
      ['Gestion des risques', 'Risk management'],
    ],
  },
  {
    code: 'performance',
    name: 'Suivi de la performance',
    nameEn: 'Project performance management',
    weight: 12,
    criteria: [
      ['Cadre de résultats par projet', 'Results framework per project'],
      ['Indicateurs avec cibles', 'Indicators with targets'],
      ['Données désagrégées par sexe et âge', 'Data disaggregated by sex and age'],
      ['Vérification des données', 'Data verification'],
      ['Capitalisation des leçons', 'Lessons learned captured'],
    ],
  },
  {
    code: 'sustainability',
    name: 'Gestion organisationnelle et durabilité',
    nameEn: 'Organisational management and sustainability',
    weight: 12,
    criteria: [
      ['Reconnaissance par les institutions', 'Recognition by institutions'],
      ['Partenariats durables', 'Lasting partnerships'],
      ['Visibilité et communication', 'Visibility and communication'],
      ['Réseau de membres actif', 'Active member network'],
      ['Plan de mobilisation de ressources', 'Resource mobilisation plan'],
    ],
  },
];

export const criterionCode = (section: string, i: number) => `${section}-${i + 1}`;

/** Scores per section (five criteria each), in the order of `demoSections`. */
export interface DemoAssessment {
  subjectCode: string;
  subjectName: string;
  cycle: number;
  assessedOn: string;
  scores: number[][];
}

export const demoAssessments: DemoAssessment[] = [
  {
    subjectCode: 'WANEP-ML',
    subjectName: 'WANEP-Mali',
    cycle: 2022,
    assessedOn: '2022-12-15',
    scores: [
      [3, 3, 3, 3, 2],
      [3, 3, 3, 3, 2],
      [4, 4, 4, 4, 3],
      [4, 4, 4, 4, 3],
      [4, 4, 4, 3, 3],
      [4, 4, 4, 4, 4],
      [4, 4, 4, 4, 4],
    ],
  },
  {
    subjectCode: 'WANEP-ML',
    subjectName: 'WANEP-Mali',
    cycle: 2021,
    assessedOn: '2021-12-15',
    scores: [
      [3, 3, 3, 2, 2],
      [3, 3, 2, 3, 2],
      [4, 3, 4, 3, 3],
      [3, 4, 4, 3, 3],
      [4, 3, 4, 3, 3],
      [4, 4, 3, 4, 3],
      [4, 4, 4, 3, 3],
    ],
  },
  ...(
    [
      [
        'WANEP-GH',
        'WANEP-Ghana',
        [
          [4, 4, 4, 3, 3],
          [4, 4, 4, 3, 3],
          [4, 4, 4, 4, 3],
          [4, 4, 4, 3, 3],
          [4, 4, 4, 4, 3],
          [4, 4, 4, 4, 3],
          [4, 4, 4, 4, 4],
        ],
      ],
      [
        'WANEP-NG',
        'WANEP-Nigeria',
        [
          [4, 4, 3, 3, 3],
          [4, 3, 3, 3, 3],
          [4, 4, 4, 3, 3],
          [4, 4, 3, 3, 3],
          [4, 4, 4, 3, 3],
          [4, 4, 4, 4, 3],
          [4, 4, 4, 4, 3],
        ],
      ],
      [
        'WANEP-SL',
        'WANEP-Sierra Leone',
        [
          [3, 3, 3, 3, 2],
          [3, 3, 3, 2, 2],
          [3, 3, 3, 3, 3],
          [3, 3, 3, 3, 2],
          [3, 3, 3, 3, 3],
          [3, 3, 3, 3, 3],
          [3, 3, 3, 3, 3],
        ],
      ],
      [
        'WANEP-CI',
        'WANEP-Côte d’Ivoire',
        [
          [3, 3, 3, 3, 3],
          [3, 3, 3, 3, 2],
          [3, 3, 3, 3, 3],
          [3, 3, 3, 3, 3],
          [4, 3, 3, 3, 3],
          [3, 3, 3, 3, 3],
          [4, 3, 3, 3, 3],
        ],
      ],
      [
        'WANEP-BF',
        'WANEP-Burkina Faso',
        [
          [3, 3, 2, 2, 2],
          [3, 2, 2, 2, 2],
          [3, 3, 3, 2, 2],
          [3, 3, 2, 2, 2],
          [3, 3, 3, 2, 2],
          [3, 3, 2, 2, 2],
          [3, 3, 3, 2, 2],
        ],
      ],
      [
        'WANEP-NE',
        'WANEP-Niger',
        [
          [3, 3, 3, 2, 2],
          [3, 3, 2, 2, 2],
          [3, 3, 3, 3, 2],
          [3, 3, 3, 2, 2],
          [3, 3, 3, 3, 2],
          [3, 3, 3, 2, 2],
          [3, 3, 3, 3, 2],
        ],
      ],
    ] as [string, string, number[][]][]
  ).map(([subjectCode, subjectName, scores]): DemoAssessment => ({
    subjectCode,
    subjectName,
    cycle: 2022,
    assessedOn: '2022-12-15',
    scores,
  })),
];
