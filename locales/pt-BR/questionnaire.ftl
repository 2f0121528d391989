# Comentários do questionário que `mlops-kit init --lang pt-BR` escreve. As chaves, os valores
# permitidos e o YAML de exemplo comentado ficam em inglês: são o formato do arquivo.

q-header =
    Autocompletar e verificação no editor: `mlops-kit schema > questionnaire.schema.json` ao lado deste arquivo.

    Questionário de maturidade em MLOps do cliente (mlops-kit).

    Preencha junto com o cliente e depois rode `mlops-kit validate ARQUIVO`. Cada resposta abaixo é um
    valor padrão razoável; troque cada uma pela resposta real do cliente. Os comentários listam os
    valores permitidos e explicam por que a pergunta importa: as respostas definem a avaliação de
    maturidade e o conteúdo do kit gerado. `mlops-kit init --example fintech-regulated` mostra um
    cliente completo.
q-version =
    Versão do formato deste arquivo. Por enquanto, sempre 1; versões novas do mlops-kit migram os arquivos antigos.
q-client =
    Quem é o cliente.
q-client-name =
    Nome de exibição, como aparece nos relatórios e na documentação. Texto livre.
q-client-slug =
    Identificador curto que prefixa o nome de todos os recursos (buckets, contas de serviço,
    repositórios). De 2 a 12 caracteres: letras minúsculas, dígitos e hífens, começando por uma letra.
    Mantenha-o curto: nomes de buckets e de contas de serviço têm limites de tamanho apertados.
q-client-industry =
    Setor de atuação, usado para contextualizar o caso de negócio na avaliação.
    Um destes: retail, financial_services, manufacturing, healthcare, telecom, energy, logistics,
    media, public_sector, other.
q-client-contact =
    O contato técnico do cliente no projeto.
q-client-contact-name =
    Nome completo.
q-client-contact-email =
    E-mail corporativo.
q-client-language =
    Opcional. Idioma de tudo o que o cliente lê (a avaliação, o README e a documentação do kit, as
    descrições de pull request das atualizações): en (inglês, o padrão) ou pt-BR (português do Brasil).
    `--lang` em init, assess e generate tem precedência; um kit mantém o idioma nas atualizações.
q-business =
    Por que o modelo existe e como o seu valor é medido. A avaliação começa por estas respostas:
    a liderança se interessa pela decisão e pelo KPI, e não pelas ferramentas.
q-business-use-case =
    O caso de uso em uma frase. Texto livre.
q-business-decision =
    A decisão de negócio apoiada pelas previsões e quem as consome. Texto livre.
q-business-kpi =
    O KPI de negócio que o modelo influencia, com o valor atual e a meta. Remova o bloco `kpi` inteiro
    só se ainda não houver um KPI acordado: isso é um impedimento (antes vem uma oficina de valor).
q-business-kpi-name =
    Nome do KPI. Texto livre.
q-business-kpi-unit =
    Unidade dos valores do KPI (por exemplo "%", "BRL", "horas").
q-business-kpi-baseline =
    Valor atual.
q-business-kpi-target =
    Valor que o projeto pretende alcançar.
q-business-kpi-owner =
    Responsável pelo KPI na área de negócio (opcional).
q-business-cost-of-error =
    Quanto custa uma previsão errada: low, medium, high ou critical. Com high e critical, a produção
    exige uma aprovação manual e ambientes separados.
q-business-deploy-lead-time =
    Hoje, quanto tempo leva de "a ciência de dados aprovou um modelo" até "ele atende o tráfego de
    produção": never_deployed, months, weeks, days ou hours. A meta do kit é horas.
q-business-release-frequency =
    Com que frequência uma nova versão de modelo chega à produção hoje:
    never, yearly, quarterly, monthly ou weekly.
q-business-models-in-production =
    Modelos em produção hoje e previstos para daqui a doze meses. Com muitos modelos, a automação
    dos pipelines se paga mais cedo.
q-business-models-in-production-now =
    Número inteiro, 0 ou mais.
q-business-models-in-production-in-one-year =
    Número inteiro, 0 ou mais.
q-business-executive-sponsor =
    Se um patrocinador executivo com orçamento apoia o projeto (true ou false). Sem ele, o trabalho
    na plataforma tende a parar: a avaliação aponta esse risco.
q-data =
    Onde estão os dados de treinamento e como eles se comportam.
q-data-sources =
    Onde os dados de treinamento estão hoje, uma entrada por local. A primeira fonte é a que o
    pipeline gerado lê (as outras servem de contexto para a avaliação); quando ela está em
    infraestrutura local ou em outra nuvem, o kit cria um bucket de recepção e o pipeline lê dele.
    `kind` é um destes:
      bigquery       chaves: project_id, dataset, table, location (opcional: o local do dataset,
                     US, EU ou uma região; padrão gcp.region - o BigQuery roda todo job na
                     tabela nesse local)
      cloud_storage  chaves: bucket (nome sem gs://), prefix (opcional), format (opcional:
                     csv com linha de cabeçalho - o padrão -, parquet ou jsonl; só arquivos
                     tabulares: imagens e textos são listados em um manifesto labels.csv). A
                     previsão em lote processa arquivos csv e jsonl onde eles estão; com parquet,
                     processa arquivos CSV gravados em batch-input/ no bucket de artefatos.
      cloud_sql      chaves: project_id, instance, database, table
      on_premises    chaves: system (texto livre, por exemplo "ERP Oracle 19c") - um impedimento
      other_cloud    chaves: provider (aws, azure ou oracle), system (texto livre)
    Exemplos dos outros tipos:
q-data-sources-location =
    Local do dataset quando não for gcp.region: US, EU ou uma região (o bq show informa).
q-data-sources-project-id =
    Projeto que contém o dataset do BigQuery (pode ser diferente dos projetos de ML abaixo).
q-data-sources-dataset =
    Id do dataset: letras, dígitos e sublinhados.
q-data-sources-table =
    Tabela com uma linha por exemplo de treinamento, incluindo o rótulo.
q-data-volume =
    Tamanho dos dados de treinamento; define as máquinas de treinamento e a preparação dos dados:
    under10gb, from10gb_to1tb, from1tb_to10tb ou over10tb.
q-data-freshness =
    Com que frequência chegam novos dados rotulados: static, monthly, weekly, daily, hourly ou
    streaming. Define com que frequência vale a pena retreinar.
q-data-label-delay =
    Quanto tempo até o resultado real de uma previsão ser conhecido: immediate, days, months ou never.
    Com `never`, só é possível monitorar a deriva de dados, e não a acurácia.
q-data-sensitivity =
    O tipo de dado mais sensível que o modelo usa no treinamento ou recebe:
    none, pseudonymised, personal ou sensitive_personal. Dados pessoais pedem chaves gerenciadas
    pelo cliente, VPC Service Controls e etapas de aprovação.
q-data-regulations =
    Regulações que se aplicam aos dados (lista opcional):
    lgpd, gdpr, bacen, hipaa, pci_dss, eu_ai_act_high_risk, sector_specific.
q-model =
    O que é treinado e como um novo modelo é avaliado.
q-model-task =
    Tipo de tarefa de previsão: tabular_classification, tabular_regression, forecasting, vision,
    text ou generative. Define os componentes do pipeline e quais métricas fazem sentido. Uma
    tarefa generative responde à seção `generative` abaixo no lugar de framework, training,
    target_column, features e evaluation (que ela recusa).
q-model-framework =
    Framework de treinamento: scikit_learn, xgboost, tensorflow ou pytorch. Define os contêineres de
    treinamento e de disponibilização. Obrigatório em toda tarefa, menos generative.
q-model-training =
    Hardware que treina o modelo.
q-model-training-machine-type =
    Tipo de máquina do Compute Engine (opcional; sem ele, o tamanho segue o volume de dados),
    por exemplo n2-standard-8, ou g2-standard-8 para uma GPU L4.
q-model-training-accelerator =
    Tipo de GPU: none, nvidia_tesla_t4, nvidia_l4, nvidia_tesla_v100, nvidia_tesla_a100,
    nvidia_a100_80gb ou nvidia_h100_80gb. Ela precisa estar disponível em gcp.region (o mlops-kit
    consulta uma tabela das regiões de GPU do Vertex AI; southamerica-east1 oferece nvidia_tesla_t4).
    O scikit-learn treina só na CPU: com ele, mantenha none.
q-model-training-accelerator-count =
    Número de GPUs por máquina: 1, 2, 4 ou 8 (T4: 1, 2 ou 4). Obrigatório com GPU, proibido
    sem GPU:
q-model-target-column =
    Coluna que contém o rótulo. Obrigatória em tarefas tabulares e de previsão de séries temporais.
q-model-features =
    Principais atributos de entrada (tarefas tabulares). `type` é numeric ou categorical e define a
    estatística de deriva; `drift_threshold` (opcional, 0-1) substitui o limite padrão de um atributo.
q-model-evaluation =
    A métrica pela qual um novo modelo é avaliado e o valor que ele precisa atingir para ser registrado.
q-model-evaluation-metric =
    Classificação: roc_auc, pr_auc, accuracy, f1, precision, recall.
    Regressão e previsão de séries temporais: rmse, mae, mape, r2.
q-model-evaluation-threshold =
    Em métricas de erro (rmse, mae, mape), o novo modelo precisa ficar abaixo do limite; nas
    demais, atingi-lo.
q-generative =
    Caso de uso generativo: só com `model.task: generative`, e aí obrigatório. Descomente o bloco e
    remova framework, training, target_column, features e evaluation de `model`.
q-generative-approach =
    prompt: um modelo Gemini com prompts versionados (opcionalmente ancorado em busca nos documentos);
    supervised_tuning: um modelo Gemini ajustado com os exemplos do cliente.
q-generative-base-model =
    Id do modelo Gemini do Vertex AI, conferido na lista do mlops-kit (por exemplo gemini-2.5-flash,
    gemini-3.5-flash; o ajuste supervisionado aceita os modelos gemini-2.5).
q-generative-retrieval =
    Busca nos documentos do cliente (só com approach prompt, opcional).
q-generative-documents =
    Prefixo no Cloud Storage dos documentos em que as respostas se baseiam.
q-generative-tuning-dataset =
    Exemplos de ajuste, JSON Lines no Cloud Storage (approach supervised_tuning, obrigatório nele):
q-generative-evaluation =
    A avaliação que decide cada nova versão de um prompt ou de um modelo ajustado.
q-generative-dataset =
    Conjunto de avaliação, JSON Lines no Cloud Storage (prompt, reference e, opcionalmente, context
    por linha). Omita só se ainda não existir nenhum: isso é um impedimento.
q-generative-size =
    Número de exemplos nele (200 ou mais dão notas estáveis).
q-generative-metrics =
    Métricas do serviço de avaliação de IA generativa do Vertex AI, cada uma com a nota que uma
    candidata precisa atingir. Calculadas (notas de 0 a 1): exact_match, bleu, rouge_1, rouge_2,
    rouge_l, rouge_l_sum, tool_call_valid, tool_name_match, tool_parameter_key_match,
    tool_parameter_kv_match. Avaliadas por modelo: groundedness e safety (0-1), fluency, coherence,
    instruction_following e custom_rubric (1-5; custom_rubric precisa de um `name` e da sua
    `rubric`).
q-generative-max-regression =
    Maior queda de qualquer métrica em relação à produção que ainda conta como sem piora (0-1,
    padrão 0).
q-generative-logging =
    Registro de prompts e respostas no BigQuery.
q-generative-prompts-and-responses =
    Se prompts e respostas podem ser registrados (necessário para avaliar o tráfego de produção).
q-generative-personal-data =
    Proteção dos dados pessoais neles: redact (o Sensitive Data Protection os anonimiza antes) ou
    none (só quando as conversas não têm dados pessoais).
q-generative-practices =
    Como a equipe trabalha hoje na aplicação generativa.
q-generative-prompts-in-version-control =
    Os prompts ficam no controle de versão e mudam por pull requests revisados.
q-generative-human-review =
    Pessoas revisam uma amostra das respostas de produção.
q-generative-guardrails =
    Proteções filtram as entradas e as saídas.
q-practices =
    Como a equipe trabalha hoje: o ponto de partida de maturidade que a avaliação pontua.
q-practices-version-control =
    Controle de versão do código de ML: none, git_without_review ou git_with_review.
q-practices-ci =
    O que a CI executa hoje: none, application_only, ml_tests ou pipeline_tests.
q-practices-infrastructure-as-code =
    Infraestrutura como código: none, partial, terraform ou other_tool.
q-practices-environments =
    Ambientes em que a equipe implanta hoje: single, dev_prod ou dev_staging_prod.
q-practices-training =
    Como o treinamento roda: manual_notebook, script ou orchestrated_pipeline.
q-practices-retraining =
    Como o retreinamento é disparado hoje: never, manual, scheduled, on_new_data ou on_drift.
q-practices-model-registry =
    Onde os modelos treinados são guardados e versionados: none, files, mlflow ou vertex.
q-practices-deployment =
    Como os modelos são implantados: manual_handoff, scripted, automated ou automated_progressive.
q-practices-rollback =
    Se o modelo anterior pode ser restaurado em minutos (true ou false).
q-practices-monitoring =
    O que é monitorado em produção: none, infrastructure, offline_metrics, drift ou drift_and_kpi.
q-practices-experiment-tracking =
    Como os experimentos são registrados: none, documents, mlflow, wandb ou vertex_experiments.
q-practices-data-validation =
    Se os dados são validados automaticamente antes do treinamento (true ou false).
q-practices-model-validation =
    Se um novo modelo é comparado automaticamente com o de produção antes da promoção.
q-practices-can-manage-iam =
    Se a equipe pode criar projetos, contas de serviço e permissões do IAM no Google Cloud.
    Se não puder, o Terraform do kit precisa ser aplicado pela equipe de plataforma do cliente.
q-serving =
    Como as previsões chegam a quem as consome.
q-serving-mode =
    online (um endpoint do Vertex AI responde às requisições), batch (previsão agendada) ou both.
q-serving-latency-p95-ms =
    Meta de latência no percentil 95, em milissegundos (disponibilização online; opcional). Define as máquinas.
q-serving-peak-qps =
    Pico de requisições por segundo (disponibilização online; opcional). Define as réplicas e a amostragem do monitoramento.
q-serving-rollout =
    Como um novo modelo chega à produção.
q-serving-rollout-strategy =
    direct troca o modelo de uma vez; canary envia primeiro uma parte do tráfego para ele.
q-serving-rollout-canary-traffic-percent =
    Parte do tráfego (1-50) que o novo modelo recebe durante o canário. Só com strategy: canary.
q-serving-rollout-manual-approval =
    Se uma pessoa aprova cada versão que vai para produção no Cloud Build (true ou false).
    Recomendado quando uma previsão errada custa caro ou os dados são pessoais.
q-serving-batch-output =
    Onde as previsões em lote são gravadas. Obrigatório com batch e both, proibido com online:
q-gcp =
    O ambiente do cliente no Google Cloud.
q-gcp-organization-id =
    Id numérico da organização, entre aspas (opcional). Descubra-o com `gcloud organizations list`.
q-gcp-folder-id =
    Id numérico da pasta que contém os projetos de ML, entre aspas (opcional).
q-gcp-region =
    Região principal: todos os recursos regionais são criados nela, por exemplo southamerica-east1
    (São Paulo), us-central1, europe-west4. Regras de residência de dados podem determiná-la.
q-gcp-environments =
    Uma entrada por ambiente, na ordem de promoção: dev, depois staging (homologação), depois prod
    (pelo menos um). Cada ambiente tem o seu próprio projeto: de 6 a 30 letras minúsculas, dígitos e
    hífens, começando por uma letra. Projetos separados impedem que um erro em dev chegue à produção.
q-gcp-admin-project-id =
    Projeto que guarda o estado do Terraform, um bucket por ambiente (opcional). Mantenha-o separado
    dos projetos dos ambientes: quem é dono de um projeto consegue ler o estado guardado nele. Sem
    esta resposta, o bootstrap cria `<slug>-mlops-admin` na pasta ou na organização acima (mesmas
    regras de id de project_id):
q-gcp-source-repository =
    Onde o código-fonte do kit fica hospedado; o Cloud Build se conecta a ele.
q-gcp-source-repository-host =
    github, github_enterprise, gitlab, gitlab_self_managed, bitbucket_cloud ou
    bitbucket_data_center.
q-gcp-source-repository-url =
    URL HTTPS de clonagem do repositório.
q-gcp-source-repository-server-url =
    URL base de um servidor próprio; obrigatória com github_enterprise, gitlab_self_managed e
    bitbucket_data_center, e a URL do repositório precisa estar sob ela:
q-gcp-network =
    Rede.
q-gcp-network-mode =
    default (gerenciada pelo Google), shared_vpc (a VPC de um projeto host) ou private (sem IPs públicos).
q-gcp-network-vpc =
    Nome da rede VPC; obrigatório com shared_vpc e private:
q-gcp-network-host-project-id =
    Projeto que hospeda a VPC compartilhada; obrigatório com shared_vpc:
q-gcp-cmek =
    Chaves de criptografia gerenciadas pelo cliente (Cloud KMS) para buckets, registros, BigQuery e
    Vertex AI. Recomendado para dados pessoais: o cliente controla as chaves e pode revogá-las.
q-gcp-cmek-enabled =
    true ou false.
q-gcp-cmek-key-location =
    Local do keyring; precisa ser igual a `region`. Obrigatório quando ativado:
q-gcp-vpc-service-controls =
    Perímetro do VPC Service Controls em volta dos projetos de ML; impede a exfiltração de dados pelas
    APIs do Google. Recomendado para dados pessoais.
q-gcp-vpc-service-controls-enabled =
    true ou false.
q-gcp-vpc-service-controls-perimeter =
    Nome do perímetro, gerenciado pela equipe de segurança do cliente. Obrigatório quando ativado:
q-gcp-labels =
    Rótulos adicionados a todos os recursos para apropriação de custos (opcional). Chaves: começam
    por letra minúscula, seguida de letras minúsculas, dígitos, `_` e `-`; valores: os mesmos
    caracteres; no máximo 63 cada.
q-gcp-labels-cost-center =
    Qual orçamento paga a plataforma de ML.
q-operations =
    Retreinamento, monitoramento e alertas.
q-operations-retraining =
    O que inicia uma execução de retreinamento.
q-operations-retraining-triggers =
    Qualquer combinação de: schedule (uma agenda cron), new_data (chegam novos dados de
    treinamento), drift (um alerta do monitoramento). Ajuste à velocidade com que os dados mudam.
    {"["}] significa nenhum retreinamento automático: uma pessoa inicia o retreinamento contínuo manualmente.
q-operations-retraining-schedule =
    Expressão cron com 5 campos (minuto hora dia-do-mês mês dia-da-semana), entre aspas.
    Obrigatória com o gatilho schedule, proibida sem ele. "0 6 * * 1" é toda segunda-feira às 06:00.
q-operations-retraining-timezone =
    Fuso horário IANA da agenda (opcional; UTC se omitido).
q-operations-monitoring =
    Monitoramento de deriva de dados e de distorção entre treino e produção do modelo em produção
    (Vertex AI Model Monitoring).
q-operations-monitoring-drift-threshold =
    Limite padrão de deriva para todos os atributos, 0-1. O padrão do Vertex AI é 0.3; valores menores
    alertam antes, e acima de 0.5 o alerta praticamente nunca dispara.
q-operations-monitoring-skew-threshold =
    Limite padrão de distorção entre treino e produção, 0-1.
q-operations-monitoring-frequency-hours =
    Com que frequência o monitoramento roda, em horas inteiras: 1, 2, 3, 4, 6, 8, 12, 24 ou 168
    (semanal). Cada execução olha para trás essa quantidade de horas, e um agendamento cron só mantém
    esses intervalos exatos.
q-operations-monitoring-sampling-rate =
    Parte das requisições amostrada para o monitoramento: mais de 0 e no máximo 1. Abaixo de 0.05,
    as estimativas de deriva ficam pouco confiáveis.
q-operations-alerts =
    Quem recebe alertas de deriva de dados, de pipelines com falha e de implantações com falha.
q-operations-alerts-emails =
    Endereços de e-mail (pelo menos um) que alguém realmente lê.

## Respostas de exemplo (texto livre que o consultor substitui)

q-value-client-name = Cliente Exemplo Ltda.
q-value-use-case = Prever quais clientes vão cancelar a assinatura nos próximos 30 dias
q-value-decision = A equipe de retenção contata toda semana os clientes com maior chance de cancelar
q-value-kpi-name = taxa mensal de cancelamento
q-value-kpi-owner = Gerente de Sucesso do Cliente
