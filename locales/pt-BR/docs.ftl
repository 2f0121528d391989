# Os documentos do kit para o cliente (README.md, docs/*, terraform/README.md). Os placeholders
# recebem identificadores e valores do modelo do kit; o texto livre do questionário chega escapado.

## Todo documento Markdown gerado

doc-header = Gerado pelo mlops-kit { $version }. Edite à vontade: `mlops-kit upgrade` faz o merge de três vias das mudanças dos blueprints com as suas edições e marca os conflitos reais.

## docs/operations.md

ops-title = Operação do modelo
ops-intro =
    Tarefas do dia a dia para a equipe responsável por `{ $model }`. Os comandos usam o ambiente de
    treinamento (`{ $environment }`), salvo indicação em contrário.
ops-retrain-now = Retreinar agora
ops-retrain-no-trigger =
    Nada inicia o retreinamento sozinho: o questionário não lista nenhum gatilho de retreinamento
    (`operations.retraining.triggers: []`), então o kit não cria agenda, tópico nem notificação para ele.
    Retreine quando chegarem novos dados rotulados ou quando os alertas de deriva de dados indicarem que
    as entradas mudaram: acione manualmente o gatilho de retreinamento contínuo (`cloudbuild/ct.yaml`).
    Para automatizar depois, liste `schedule`, `new_data` ou `drift` no questionário e atualize o kit.
ops-retrain-run = Acione o gatilho de retreinamento contínuo (`cloudbuild/ct.yaml`):
ops-new-batch = Retreinar com um novo lote de dados
ops-new-batch-text =
    Copie o lote para o bucket de recepção (README, passo 5) e depois grave um objeto marcador em
    `{ $uri }`. Só os objetos sob esse prefixo iniciam o retreinamento, então um lote com milhares de
    arquivos dispara o retreinamento contínuo uma única vez, quando o marcador chega, e nunca no meio do envio:
ops-validate-stopped = Uma execução parou em "validate"
ops-validate-stopped-text =
    Os dados falharam em uma verificação; o artefato `report` da execução lista cada problema. Corrija os
    dados na origem (ou, se os dados mudaram de propósito, os atributos no questionário, e atualize o kit)
    e retreine. O pipeline nunca treina com dados que falharam na validação.
ops-not-registered = Uma execução terminou sem registrar um modelo
ops-not-registered-text =
    Ou `{ $metric }` não atingiu o limite ({ $threshold }), ou o modelo não superou o que está em
    produção. O artefato `metrics` da etapa `evaluate` guarda os dois valores. A produção continua igual,
    que é exatamente o objetivo.
ops-model-lives = Onde fica um modelo registrado
ops-model-lives-text =
    A etapa `register` copia o modelo da raiz do pipeline (cujos objetos são apagados depois de
    { $days ->
        [one] { $days } dia
       *[other] { $days } dias
    }) para o bucket de artefatos, em `{ $folder }`, e registra essa cópia como uma nova
    versão com o alias `candidate`. Essa pasta nunca passa para uma classe de armazenamento mais fria,
    então a avaliação, a deriva, as reimplantações e os jobs em lote continuam lendo dela a baixo custo.
ops-release-title = Implantar, promover ou reverter um modelo
ops-manual-approval-canary =
    Com aprovação manual, a execução de treinamento para no registro: nada muda o tráfego nem o alias
    `production` até que uma pessoa acione o gatilho de liberação, que implanta a versão `candidate` (a
    primeira versão no endpoint recebe todo o tráfego; as seguintes, { $share }%). Em `{ $environment }`, o build aguarda uma aprovação no Cloud Build:
ops-manual-approval-online =
    Com aprovação manual, a execução de treinamento para no registro: nada muda o tráfego nem o alias
    `production` até que uma pessoa acione o gatilho de liberação, que implanta a versão `candidate` (a
    primeira versão no endpoint recebe todo o tráfego). Em `{ $environment }`, o build aguarda uma aprovação no Cloud Build:
ops-manual-approval-batch =
    Com aprovação manual, a execução de treinamento para no registro: nada muda o tráfego nem o alias
    `production` até que uma pessoa acione o gatilho de liberação, que dá à versão `candidate` o alias
    `production` (a previsão em lote passa a usá-la). Em `{ $environment }`, o build aguarda uma aprovação no Cloud Build:
ops-canary-text =
    Uma nova versão recebe primeiro { $share }% do tráfego do endpoint, ao lado da versão de produção (um
    canário mais novo substitui outro que ainda esteja aguardando). Quando as métricas e o monitoramento
    estiverem bons, promova-a: ela recebe todo o tráfego e o alias `production`, e as implantações mais
    antigas são removidas. Ou reverta-a: ela é removida e a produção mantém todo o tráfego.
ops-rollback-endpoint = Reverter o endpoint
ops-rollback-endpoint-text =
    Todas as versões continuam no Model Registry. Implante a versão anterior em `{ $endpoint }` com todo
    o tráfego, devolva a ela o alias `production` e depois remova a versão com defeito.
ops-scoring = Pontuar registros novos, ou pontuá-los de novo
ops-scoring-text =
    Grave os arquivos em `{ $inbox }` (README, "Pontuar dados novos"): a próxima execução diária de
    `{ $schedule }` pontua os criados nas { $hours } horas cheias anteriores ao horário agendado, com a
    versão `production`; uma execução que começa atrasada pontua os mesmos arquivos. Para pontuar arquivos
    de novo, copie-os de novo (uma cópia é um objeto novo); para pontuar já, execute o pipeline do
    agendamento manualmente no console da Vertex AI: uma execução manual pontua as { $hours } horas
    anteriores à hora em que foi criada. Quando uma execução agendada falhar, corrija a causa e copie de
    novo os arquivos daquele dia em vez de repeti-la manualmente (uma execução manual cobre outras horas que
    não as da execução que falhou). Uma execução sem arquivo novo registra `skipped` e não inicia nenhum job.
ops-drift-alert = Alerta de deriva de dados recebido
ops-drift-online =
    Deriva online: o e-mail do Vertex AI Model Monitoring (e as entradas de anomalia no Cloud Logging)
    indica os atributos que derivaram, a distância medida e o limite.
ops-drift-batch =
    Deriva em lote: abra a entrada de log `{ $log }` do alerta; ela lista os atributos que derivaram, a
    distância medida e o limite. O histórico fica no BigQuery, em `{ $table }`.
ops-drift-check =
    Verifique se o mundo mudou (sazonalidade, um produto novo, uma mudança de esquema na origem) ou se os
    dados quebraram.
ops-drift-retraining-started = Um retreinamento já começou; ele só promove um novo modelo se este superar o atual.
ops-drift-retraining-off = O retreinamento por deriva de dados está desligado (`enable_drift_retraining = false`); retreine (veja acima) quando os dados estiverem corretos.
ops-drift-retrain = Retreine (veja acima) quando os dados estiverem corretos.
ops-not-tabular = Acompanhar um modelo que não é tabular
ops-not-tabular-text =
    Nenhum monitoramento de deriva de dados se aplica a entradas do tipo `{ $kind }`, então nenhum alerta de
    deriva será emitido. Acompanhe regularmente a distribuição das previsões e o KPI de negócio, e retreine
    (veja acima) quando eles mudarem.
ops-change = Mudar limites, hardware ou disponibilização
ops-change-text = Edite as respostas (`.mlops-kit/answers.yaml` é o registro; mantenha sua cópia de trabalho em outro lugar) e depois:
